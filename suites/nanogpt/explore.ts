/** GET /api/explore/text-models: the distillation filter. */
import { checks, ref } from '../define.js';
import { expectSchema, fail, isObject, listOf, pass } from '../../src/core/expect.js';
import { eachSurface, onSurfaces } from '../surfaces.js';
import { expectEveryItem, expectJsonOk } from '../common.js';
import { EXPLORE_FILTERED, EXPLORE_NARROWING, EXPLORE_UNFILTERED } from './surfaces.js';

const SEED = 'nanogpt-models-api.txt';
const SECTION = 'Distillation Policy';
const META_RULE = 'Responses include meta.distillation: "allowed" when the filter is used and meta.distillation: "all" otherwise.';

function metaDistillation(body: Record<string, unknown>): unknown {
  return isObject(body.meta) ? body.meta.distillation : undefined;
}

export const exploreChecks = checks('explore', [
  {
    id: 'NG-EXP-01',
    title: 'Without the filter (text-models and search): 200 JSON, a data array and meta.distillation "all"',
    level: 'MUST',
    reference: ref(SEED, SECTION, META_RULE),
    run: eachSurface(EXPLORE_UNFILTERED, (ex) => {
      expectJsonOk(ex);
      const { body, items } = listOf(ex);
      expectSchema(ex, body, 'nanogpt/explore-text-models.schema.json');
      if (metaDistillation(body) !== 'all') {
        fail({ message: `meta.distillation is ${JSON.stringify(metaDistillation(body))} without the filter`, pointer: '/meta/distillation', expected: '"all"', received: JSON.stringify(metaDistillation(body)) ?? 'undefined', exchanges: [ex] });
      }
      return pass(`${items.length} text models, meta.distillation "all"`, [ex]);
    }),
  },
  {
    id: 'NG-EXP-02',
    title: 'With distillation=allowed (text-models and search): 200 JSON and meta.distillation "allowed"',
    level: 'MUST',
    reference: ref(SEED, SECTION, META_RULE),
    run: eachSurface(EXPLORE_FILTERED, (ex) => {
      expectJsonOk(ex);
      const { body } = listOf(ex);
      expectSchema(ex, body, 'nanogpt/explore-text-models.schema.json');
      if (metaDistillation(body) !== 'allowed') {
        fail({ message: `meta.distillation is ${JSON.stringify(metaDistillation(body))} with the filter`, pointer: '/meta/distillation', expected: '"allowed"', received: JSON.stringify(metaDistillation(body)) ?? 'undefined', exchanges: [ex] });
      }
      return pass('meta.distillation "allowed"', [ex]);
    }),
  },
  {
    id: 'NG-EXP-03',
    title: 'With the filter, every model\'s distillationPolicy.status is "allowed"',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Use the explore endpoints when you need to filter for distillation-allowed text models:'),
    run: eachSurface(EXPLORE_FILTERED, (ex) => {
      const { items } = listOf(ex);
      expectEveryItem(ex, items, 'distillationPolicy', (policy, i, item) => {
        const status = isObject(policy) ? policy.status : undefined;
        if (status === 'allowed') return undefined;
        return { message: `/data/${i} (${isObject(item) ? String(item.id) : '?'}) passed the filter with distillationPolicy.status ${JSON.stringify(status) ?? 'missing'}`, pointer: `/data/${i}/distillationPolicy/status`, expected: '"allowed"', received: JSON.stringify(status) ?? 'undefined' };
      });
      return pass(`all ${items.length} filtered models are distillation-allowed`, [ex]);
    }),
  },
  {
    id: 'NG-EXP-04',
    title: 'The filtered models are a subset of the unfiltered ones',
    level: 'SHOULD',
    reference: ref(SEED, SECTION, 'The filter applies only to text models.',
      'A filter narrows a listing; it is not stated that both listings are otherwise identical (paging, ranking), hence SHOULD.'),
    run: onSurfaces(EXPLORE_NARROWING, ([exAll, exAllowed]) => {
      const all = new Set(listOf(exAll!).ids);
      const extra = listOf(exAllowed!).ids.filter((id) => !all.has(id));
      if (extra.length) {
        fail({ message: `${extra.length} filtered models are missing from the unfiltered list: ${extra.slice(0, 5).join(', ')}`, expected: 'a subset of the unfiltered models', received: extra.slice(0, 5).join(', '), exchanges: [exAll!, exAllowed!] });
      }
      return pass('the filter only narrows the list', [exAllowed!]);
    }),
  },
]);
