/** GET /v1/models per OpenAI's published spec: the list object and its model objects. */
import { checks, ref } from '../define.js';
import { Decided, listOf, pass, skip } from '../../src/core/expect.js';
import { KEY_ENV } from '../../src/core/engine.js';
import type { CheckContext, Exchange } from '../../src/core/types.js';
import { expectCreatedInSeconds, expectEveryItem, expectFieldOnItems, expectItemFields, expectJsonOk, expectListObject, expectUniqueIds } from '../common.js';
import { noKey, withKey } from './requests.js';

export const SPEC = 'openai-openapi__models-and-error__excerpt.json';
/** Ids gateways are known to list that name no callable model: configuration sentinels, not models. */
export const SENTINEL_IDS = ['all-team-models', 'all-proxy-models', 'no-default-models'];
/** 2015-01-01T00:00:00Z: a `created` before it predates every model an API serves (0 is "unset"). */
export const EARLIEST_CREATED = 1_420_070_400;

/** Why an id cannot name a callable model, or undefined when it can. Real ids are paths, org/name:tag, unicode: all fine. */
export function implausibleId(id: string): string | undefined {
  if (id.trim() === '') return 'is empty';
  if (id.includes('*')) return 'is a wildcard pattern, not a model';
  if (SENTINEL_IDS.includes(id.toLowerCase())) return 'is an access-list sentinel, not a model';
  return undefined;
}

/**
 * The list as this run may see it: with the key when one is given, else without. A server that
 * wants a key we were not given is not at fault: the list checks skip rather than fail.
 */
export async function listExchange(ctx: CheckContext): Promise<Exchange> {
  const ex = await ctx.exchange(ctx.hasKey ? withKey : noKey);
  const status = ex.response?.status;
  if (!ctx.hasKey && (status === 401 || status === 403)) {
    throw new Decided({ ...skip(`GET /v1/models answered ${status} without a key: the server requires one; set ${KEY_ENV} to check its list`), needs: 'apiKey' });
  }
  return ex;
}

export const modelsListChecks = checks('list', [
  {
    id: 'OAI-LIST-01',
    title: 'GET /v1/models answers 200 with a JSON body labelled application/json',
    level: 'MUST',
    reference: ref(SPEC, '/models', 'Lists the currently available models, and provides basic information about each one such as the owner and availability.',
      'A JSON API: a 200 whose Content-Type is application/json (parameters allowed) or another +json type. Without a key, a 401/403 means the server requires one: the list checks are then skipped, not failed.'),
    async run(ctx) {
      return expectJsonOk(await listExchange(ctx));
    },
  },
  {
    id: 'OAI-LIST-02',
    title: 'The body is a list object: object "list" and a data array',
    level: 'MUST',
    reference: ref(SPEC, 'ListModelsResponse', '"required": [ "object", "data" ]'),
    async run(ctx) {
      return expectListObject(await listExchange(ctx), 'openai/models-list.schema.json#/properties/object');
    },
  },
  {
    id: 'OAI-LIST-03',
    title: 'Every model has id (string), object "model", created (integer) and owned_by (string)',
    level: 'MUST',
    reference: ref(SPEC, 'Model', '"required": [ "id", "object", "created", "owned_by" ]'),
    async run(ctx) {
      return expectItemFields(await listExchange(ctx), 'openai/model.schema.json', ['id', 'object', 'created', 'owned_by']);
    },
  },
  {
    id: 'OAI-LIST-04',
    title: 'created is a Unix time in seconds (not milliseconds, not negative, not in the future)',
    level: 'MUST',
    reference: ref(SPEC, 'Model', 'The Unix timestamp (in seconds) when the model was created.',
      'Any value from 0 to one day past our clock is accepted (servers such as llama-server report the request time; clocks drift); larger values are milliseconds or garbage. Integer-ness is OAI-LIST-03.'),
    async run(ctx) {
      const ex = await listExchange(ctx);
      const { items } = listOf(ex);
      const { limit, judged } = expectCreatedInSeconds(ex, items, ctx.nowSeconds()); // types: OAI-LIST-03
      return pass(judged ? `${judged} created values, each between 0 and ${limit}` : 'no numeric created to judge (OAI-LIST-03 types them)', [ex]);
    },
  },
  {
    id: 'OAI-LIST-05',
    title: 'Model ids are unique',
    level: 'SHOULD',
    reference: ref(SPEC, 'Model', 'The model identifier, which can be referenced in the API endpoints.',
      'An identifier that other endpoints take must name one model; the spec does not say "unique" outright, so a repeat is a SHOULD failure.'),
    async run(ctx) {
      return expectUniqueIds(await listExchange(ctx));
    },
  },
  {
    id: 'OAI-LIST-06',
    title: 'shutdown_date, when present, is a date (YYYY-MM-DD) or null',
    level: 'MUST',
    reference: ref(SPEC, 'Model', 'The date when the model will shut down, or null if not announced.',
      'Optional (added to the spec in 2026-08); a server that omits it passes.'),
    async run(ctx) {
      const ex = await listExchange(ctx);
      const { items } = listOf(ex);
      const seen = expectFieldOnItems(ex, items, 'shutdown_date', 'openai/model.schema.json');
      return pass(seen ? `${seen} models carry a valid shutdown_date` : 'no model carries shutdown_date (optional)', [ex]);
    },
  },
]);

/** Plausibility of ids and timestamps (SHOULD): appended later, listed with the list checks. */
export const plausibilityChecks = checks('list', [
  {
    id: 'OAI-LIST-07',
    title: 'Every id can name a callable model: not empty, not a wildcard (*, openai/*), not a sentinel (all-team-models)',
    level: 'SHOULD',
    reference: ref(SPEC, 'Model', 'The model identifier, which can be referenced in the API endpoints.',
      `An id is listed to be passed to other endpoints. Gateways have listed access-list entries instead: wildcards and the sentinels ${SENTINEL_IDS.join(', ')}. The spec has no pattern for ids, so this is a SHOULD; ids that are paths, org/name:tag or unicode are fine.`),
    async run(ctx) {
      const ex = await listExchange(ctx);
      const { items } = listOf(ex);
      expectEveryItem(ex, items, 'id', (id, i) => {
        if (typeof id !== 'string') return undefined; // OAI-LIST-03 types it
        const why = implausibleId(id);
        return why ? { message: `/data/${i}/id ${JSON.stringify(id)} ${why}`, expected: 'the id of a model other endpoints accept', received: JSON.stringify(id) } : undefined;
      });
      return pass(`${items.length} ids, each a model name`, [ex]);
    },
  },
  {
    id: 'OAI-LIST-08',
    title: `created is a plausible model date: not 0, not before 2015`,
    level: 'SHOULD',
    reference: ref(SPEC, 'Model', 'The Unix timestamp (in seconds) when the model was created.',
      `0 is "unset", not a creation time, and no model an API serves was created before ${new Date(EARLIEST_CREATED * 1000).toISOString().slice(0, 10)}. Beyond a day past our clock is OAI-LIST-04 (MUST); servers that report the request time pass.`),
    async run(ctx) {
      const ex = await listExchange(ctx);
      const { items } = listOf(ex);
      let judged = 0;
      expectEveryItem(ex, items, 'created', (created, i) => {
        if (typeof created !== 'number') return undefined; // OAI-LIST-03 types it
        judged++;
        if (created >= EARLIEST_CREATED) return undefined;
        return { message: `/data/${i}/created = ${created}${created === 0 ? ' (unset)' : ''} is before ${new Date(EARLIEST_CREATED * 1000).toISOString().slice(0, 10)}`, expected: `a Unix time from ${EARLIEST_CREATED} on`, received: String(created) };
      });
      return pass(judged ? `${judged} created values, each from ${EARLIEST_CREATED} on` : 'no numeric created to judge', [ex]);
    },
  },
]);
