/** GET /api/v1/models?detailed=true */
import { checks, ref } from '../define.js';
import type { CheckContext, Verdict } from '../../src/core/types.js';
import { compareLists, expectSchema, fail, isObject, listOf, pass, skip } from '../../src/core/expect.js';
import { DETAILED_TEXT_FIELDS, hasAnyField } from './fields.js';
import { expectCreatedInSeconds, expectFieldOnItems } from '../common.js';
import { eachSurface, onSurfaces } from '../surfaces.js';
import { BASIC_VS_DETAILED, TEXT_DETAILED } from './surfaces.js';

const SEED = 'nanogpt-models-api.txt';
const DETAILED_SCHEMA = 'nanogpt/model-detailed.schema.json';

/** A check that types some detailed fields wherever they appear. */
function fieldTypes(fields: string[]): (ctx: CheckContext) => Promise<Verdict> {
  return eachSurface(TEXT_DETAILED, (ex) => {
    const { items } = listOf(ex);
    let seen = 0;
    for (const field of fields) seen += expectFieldOnItems(ex, items, field, DETAILED_SCHEMA);
    if (seen === 0) return skip(`no detailed model carries ${fields.join(' / ')}: nothing to check`);
    return pass(`${seen} occurrences of ${fields.join(' / ')} have the documented types`, [ex]);
  });
}

export const detailedChecks = checks('detailed', [
  {
    id: 'NG-DET-01',
    title: 'The detailed list keeps the list shape and the basic fields on every model',
    level: 'MUST',
    reference: ref(SEED, 'Basic Fields (Always Present)', 'Basic Fields (Always Present)'),
    run: eachSurface(TEXT_DETAILED, (ex) => {
      const { body, items } = listOf(ex);
      expectSchema(ex, body, 'nanogpt/models-list.schema.json');
      return pass(`${items.length} detailed models with id, object, created and owned_by`, [ex]);
    }),
  },
  {
    id: 'NG-DET-02',
    title: 'detailed=true adds detail (documented detailed fields appear)',
    level: 'MUST',
    reference: ref(SEED, 'Query Parameters', 'Returns detailed model information including pricing and capabilities',
      'Each detailed field "may be included", so no single field is required; a detailed answer in which no model carries any of them ignored the parameter.'),
    run: eachSurface(TEXT_DETAILED, (ex) => {
      const { items } = listOf(ex);
      if (items.length === 0) return skip('the detailed list is empty: nothing to check');
      const withDetail = items.filter((item) => hasAnyField(item, DETAILED_TEXT_FIELDS)).length;
      if (withDetail === 0) {
        fail({ message: 'detailed=true answered the basic form: no model carries any detailed field', expected: `some of ${DETAILED_TEXT_FIELDS.join(', ')}`, received: `${items.length} models with none of them`, exchanges: [ex] });
      }
      return pass(`${withDetail} of ${items.length} models carry detailed fields`, [ex]);
    }),
  },
  {
    id: 'NG-DET-03',
    title: 'pricing has numeric prompt and completion, currency "USD" and unit "per_million_tokens"',
    level: 'MUST',
    reference: ref(SEED, 'Pricing Object Structure', 'Always “per_million_tokens”'),
    run: fieldTypes(['pricing']),
  },
  {
    id: 'NG-DET-04',
    title: 'Capability flags are booleans',
    level: 'MUST',
    reference: ref(SEED, 'capabilities (detailed mode)', 'visionbooleanSupports image inputs'),
    run: fieldTypes(['capabilities']),
  },
  {
    id: 'NG-DET-05',
    title: 'context_length and max_output_tokens are numbers or null',
    level: 'MUST',
    reference: ref(SEED, 'Enhanced Fields (Detailed Mode Only)', 'Maximum input tokens (null if not available)'),
    run: fieldTypes(['context_length', 'max_output_tokens']),
  },
  {
    id: 'NG-DET-06',
    title: 'name, description, icon_url and category are strings',
    level: 'MUST',
    reference: ref(SEED, 'Enhanced Fields (Detailed Mode Only)', 'namestringHuman-readable model name'),
    run: fieldTypes(['name', 'description', 'icon_url', 'category']),
  },
  {
    id: 'NG-DET-07',
    title: 'cost_estimate is a string or an object',
    level: 'MUST',
    reference: ref(SEED, 'Enhanced Fields (Detailed Mode Only)', 'cost_estimatestring or objectInternal hints',
      'The current page shows strings ("$"), the earlier revision and the personalized page an object ({cheap: true}); both are accepted.'),
    run: fieldTypes(['cost_estimate']),
  },
  {
    id: 'NG-DET-08',
    title: 'distillationPolicy carries the documented string fields',
    level: 'MUST',
    reference: ref(SEED, 'Distillation Policy', 'text model records include a distillationPolicy object with status, label, basis, sourceUrl, and note'),
    run: fieldTypes(['distillationPolicy']),
  },
  {
    id: 'NG-DET-09',
    title: 'Every detailed model carries pricing',
    level: 'SHOULD',
    reference: ref(SEED, 'Features', 'Detailed Mode: Enhanced information with pricing and model descriptions',
      '"May be included" makes each field optional, so a model without pricing is a SHOULD failure only.'),
    run: eachSurface(TEXT_DETAILED, (ex) => {
      const { items } = listOf(ex);
      const without = items.map((item, i) => ({ item, i })).filter(({ item }) => !(isObject(item) && 'pricing' in item));
      const first = without[0];
      if (first) {
        fail({ message: `${without.length} of ${items.length} detailed models carry no pricing`, pointer: `/data/${first.i}`, expected: 'pricing on every detailed model', received: `first without: ${isObject(first.item) ? String(first.item.id) : JSON.stringify(first.item)}`, exchanges: [ex] });
      }
      return pass(`all ${items.length} detailed models carry pricing`, [ex]);
    }),
  },
  {
    id: 'NG-DET-10',
    title: 'Basic and detailed modes list the same models in the same order',
    level: 'MUST',
    reference: ref(SEED, 'Backwards Compatibility', 'Default response format unchanged',
      'Detailed mode is documented as the same listing with more fields per model; a model present in only one mode, or a different order, breaks clients that join the two.'),
    run: onSurfaces(BASIC_VS_DETAILED, ([exBasic, exDetailed]) => {
      const [a] = compareLists(exBasic!, exDetailed!, 'same order', 'the detailed list differs from the basic one');
      return pass(`both modes list the same ${a.ids.length} models in the same order`, [exBasic!, exDetailed!]);
    }),
  },
  {
    id: 'NG-DET-11',
    title: 'In detailed mode too, created is a Unix time in seconds (not milliseconds, not in the future)',
    level: 'MUST',
    reference: ref(SEED, 'Basic Fields (Always Present)', 'Unix timestamp of response creation',
      'The basic fields keep their meaning in detailed mode; the same bounds as NG-LIST-04. Detailed items are often rendered by other code (a join with pricing), where a millisecond timestamp slips in.'),
    run: eachSurface(TEXT_DETAILED, (ex, ctx) => {
      const { limit } = expectCreatedInSeconds(ex, listOf(ex).items, ctx.nowSeconds()); // types: NG-DET-01
      return pass(`every detailed created value is between 0 and ${limit}`, [ex]);
    }),
  },
]);
