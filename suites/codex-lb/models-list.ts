/** GET /v1/models with a valid key: the list, the standard OpenAI fields, owned_by and created. */
import { checks, ref } from '../define.js';
import { fail, header, isObject, listOf, pass } from '../../src/core/expect.js';
import { expectEveryItem, expectItemFields, expectJsonOk, expectListObject, expectUniqueIds } from '../common.js';
import { SEED } from './requests.js';
import { eachSurface } from '../surfaces.js';
import { KEYED } from './surfaces.js';

const GENERATED = 'Unix timestamp when the model list was generated.';
/** How far created may sit from the clock it is compared with: drift, time-zone slips and caches stay inside. */
const CLOCK_TOLERANCE_S = 86_400;

/** Why there is nothing to judge: an empty list, or no numeric created (CLB-LIST-03 types them). */
function nothingToJudge(items: readonly unknown[]): string {
  return items.length ? 'no numeric created to judge (typed by CLB-LIST-03)' : 'no models (an empty registry): nothing to compare';
}

/** The numeric created values of a list (types are CLB-LIST-03's business). */
function createdValues(items: readonly unknown[]): { index: number; created: number }[] {
  return items.flatMap((item, index) => (isObject(item) && typeof item.created === 'number' && Number.isFinite(item.created) ? [{ index, created: item.created }] : []));
}

export const modelsListChecks = checks('list', [
  {
    id: 'CLB-LIST-01',
    title: 'GET /v1/models with a valid Bearer key answers 200 with a JSON body',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Overview', 'The/v1/models endpoint returns a list of models available to your API key.',
      'Content-Type application/json (parameters allowed) or another +json type, and a body that parses.'),
    run: eachSurface(KEYED, (ex) => expectJsonOk(ex)),
  },
  {
    id: 'CLB-LIST-02',
    title: 'The body is a list object: object "list" and a data array',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Response', 'Returns a list of model objects.Always "list".',
      'An empty registry answers {"object": "list", "data": []}, which passes (section "Empty Response").'),
    run: eachSurface(KEYED, (ex) => expectListObject(ex, 'codex-lb/models-list.schema.json#/properties/object')),
  },
  {
    id: 'CLB-LIST-03',
    title: 'Every model has id (string), object "model", created (integer) and owned_by (string)',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Comparison with OpenAI', 'Standard OpenAI fields: id,object,created,owned_by',
      'The standard fields are typed as in OpenAI\'s Model (created an integer); the real server types created as int.'),
    run: eachSurface(KEYED, (ex) => expectItemFields(ex, 'openai/model.schema.json', ['id', 'object', 'created', 'owned_by'])),
  },
  {
    id: 'CLB-LIST-04',
    title: 'owned_by is "codex-lb" on every model',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Object', 'Owner identifier. Always "codex-lb".'),
    run: eachSurface(KEYED, (ex) => {
      const { items } = listOf(ex);
      expectEveryItem(ex, items, 'owned_by', (owner, i) =>
        owner === 'codex-lb' ? undefined : { message: `/data/${i}/owned_by is ${JSON.stringify(owner) ?? 'missing'}`, keyword: 'const', expected: '"codex-lb"', received: JSON.stringify(owner) ?? 'undefined' });
      return pass(`${items.length} models, each owned_by "codex-lb"`, [ex]);
    }),
  },
  {
    id: 'CLB-LIST-05',
    title: 'Model ids are unique',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Object', 'Model identifier (slug). Use this value in the model parameter for completions.',
      'A value clients pass as `model` must name one entry; the real server builds the list from a map keyed by slug.'),
    run: eachSurface(KEYED, (ex) => expectUniqueIds(ex)),
  },
  {
    id: 'CLB-LIST-06',
    title: 'created is one value per response (the time the list was generated)',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Object', GENERATED,
      'A list is generated once, so every item carries the same created; per-model release dates are a different field. The real server stamps int(time.time()) once per response.'),
    run: eachSurface(KEYED, (ex) => {
      const { items } = listOf(ex);
      const values = createdValues(items);
      const first = values[0];
      const other = values.find((v) => v.created !== first?.created);
      if (first && other) {
        fail({
          message: `/data/${first.index}/created = ${first.created} but /data/${other.index}/created = ${other.created}: more than one generation time in one list`,
          pointer: `/data/${other.index}/created`,
          expected: `every created equal to ${first.created}`,
          received: `${new Set(values.map((v) => v.created)).size} distinct values`,
          exchanges: [ex],
        });
      }
      return pass(first ? `all ${values.length} models share created = ${first.created}` : nothingToJudge(items), [ex]);
    }),
  },
  {
    id: 'CLB-LIST-07',
    title: 'created is close to the server\'s clock (Unix seconds, within a day)',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Object', GENERATED,
      'The generation time is "now" on the server. A value within 24 h of either our clock or the response\'s Date header passes, so clock drift, time-zone slips and short caches never fail; milliseconds, per-model release dates and long-stale lists do.'),
    run: eachSurface(KEYED, (ex, ctx) => {
      const { items } = listOf(ex);
      const values = createdValues(items);
      const ours = ctx.nowSeconds();
      const date = Date.parse(header(ex.response!, 'date') ?? '');
      const theirs = Number.isNaN(date) ? undefined : Math.floor(date / 1000);
      const near = (t: number, clock: number | undefined) => clock !== undefined && Math.abs(t - clock) <= CLOCK_TOLERANCE_S;
      for (const { index, created } of values) {
        if (near(created, ours) || near(created, theirs)) continue;
        const ms = near(created / 1000, ours) || near(created / 1000, theirs);
        fail({
          message: `/data/${index}/created = ${created} ${ms ? 'looks like milliseconds' : `is ${Math.round((created - ours) / 3600)} h from our clock${theirs === undefined ? '' : ' and more than a day from the response\'s Date header'}`}`,
          pointer: `/data/${index}/created`,
          expected: `seconds within ${CLOCK_TOLERANCE_S} s of ${ours} (our clock)${theirs === undefined ? '' : ` or ${theirs} (Date header)`}`,
          received: String(created),
          exchanges: [ex],
        });
      }
      return pass(values.length ? `created is within a day of ${theirs === undefined ? 'our clock' : 'our clock or the Date header'}` : nothingToJudge(items), [ex]);
    }),
  },
]);
