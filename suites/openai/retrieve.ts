/**
 * GET /v1/models/{model} (retrieveModel) per OpenAI's spec: each listed id retrieves its model.
 * Ruled in docs/profile-rulings.md#openai-retrieve. The codex-lb document defines no retrieve, so
 * only this profile checks it.
 */
import { checks, ref } from '../define.js';
import { Decided, expectSchema, expectStatus, fail, isObject, jsonOf, listOf, pass, skip } from '../../src/core/expect.js';
import { KEY_ENV } from '../../src/core/engine.js';
import type { CheckContext, Exchange, RequestSpec } from '../../src/core/types.js';
import { validate } from '../../src/contract/schemas.js';
import { expectErrorBody, FUTURE_TOLERANCE_S } from '../common.js';
import { listExchange, SPEC } from './models-list.js';
import { MODELS } from './requests.js';

/** At most this many listed ids are retrieved per run (the run's request budget is shared). */
export const RETRIEVE_SAMPLE = 20;
/** An id no server lists: the unknown-model check asks for it. */
export const UNKNOWN_MODEL_ID = 'conformance-no-such-model-7f3a9c1e';

/**
 * The path segment for an id, encoded as openai-node's `path` tag does (encodeURIPath): every
 * character outside RFC 3986's pchar set is percent-encoded, so `/` travels as %2F and `:` or `@`
 * stay as they are. Our own implementation of that rule.
 */
export function encodeModelId(id: string): string {
  return id.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g, encodeURIComponent);
}

export function retrieveSpec(ctx: CheckContext, id: string): RequestSpec {
  return { path: `${MODELS}/${encodeModelId(id)}`, ...(ctx.hasKey ? { auth: { header: 'bearer', key: 'valid' } as const } : {}) };
}

const needsEncoding = (id: string) => encodeModelId(id) !== id;

/**
 * The listed models this run retrieves: all of them up to RETRIEVE_SAMPLE, else the first half of
 * the sample in list order and the rest from the ids that need encoding (where servers break).
 * Ids that cannot name a model (empty, not a string) are OAI-LIST-03/07's, not retrieved.
 */
export function sampleOf(items: readonly unknown[]): { models: Record<string, unknown>[]; of: number; note: string } {
  const models = items.filter((m): m is Record<string, unknown> => isObject(m) && typeof m.id === 'string' && m.id.trim() !== '');
  if (models.length <= RETRIEVE_SAMPLE) return { models, of: models.length, note: `all ${models.length} listed ids` };
  const head = models.slice(0, RETRIEVE_SAMPLE / 2);
  const encoded = models.slice(RETRIEVE_SAMPLE / 2).filter((m) => needsEncoding(m.id as string));
  const rest = models.slice(RETRIEVE_SAMPLE / 2).filter((m) => !needsEncoding(m.id as string));
  const picked = [...head, ...encoded, ...rest].slice(0, RETRIEVE_SAMPLE);
  return { models: picked, of: models.length, note: `a sample of ${picked.length} of the ${models.length} listed ids (the first ${head.length}, then ids that need encoding)` };
}

/** The listed models, or a skip when the list itself is not usable (the list checks judge that). */
async function listed(ctx: CheckContext): Promise<{ list: Exchange; models: Record<string, unknown>[]; note: string }> {
  const list = await listExchange(ctx);
  try {
    const { items } = listOf(list);
    const { models, note } = sampleOf(items);
    return { list, models, note };
  } catch (err) {
    if (err instanceof Decided && err.verdict.status === 'fail') throw new Decided(skip('the list is not usable (see OAI-LIST-01, OAI-LIST-02): no ids to retrieve'));
    throw err;
  }
}

/** A retrieve answered 401/403 without a key: the server wants one; skipped like the list checks. */
function unlessKeyNeeded(ctx: CheckContext, ex: Exchange): void {
  const status = ex.response?.status;
  if (!ctx.hasKey && (status === 401 || status === 403)) {
    throw new Decided({ ...skip(`GET ${new URL(ex.request.url).pathname} answered ${status} without a key: set ${KEY_ENV} to check retrieve`), needs: 'apiKey' });
  }
}

async function retrieveAll(ctx: CheckContext, models: Record<string, unknown>[]): Promise<{ model: Record<string, unknown>; ex: Exchange }[]> {
  const got = await Promise.all(models.map(async (model) => ({ model, ex: await ctx.exchange(retrieveSpec(ctx, model.id as string)) })));
  for (const { ex } of got) unlessKeyNeeded(ctx, ex);
  return got;
}

const RETRIEVE_RULING =
  'The spec defines retrieveModel beside listModels, answering 200 with a Model for a model id; clients call it for the ids the list gives (openai-node models.retrieve, IDE integrations), so a listed id that cannot be retrieved is a MUST failure (docs/profile-rulings.md#openai-retrieve). ' +
  `The id is sent as openai-node builds the path: percent-encoded outside RFC 3986's pchar set, so "/" is %2F. At most ${RETRIEVE_SAMPLE} listed ids are retrieved, the sample is stated.`;

export const retrieveChecks = checks('retrieve', [
  {
    id: 'OAI-GET-01',
    title: 'Each listed id retrieves (GET /v1/models/{model}): 200, a Model with that id',
    level: 'MUST',
    reference: ref(SPEC, '/models/{model}', 'Retrieves a model instance, providing basic information about the model such as the owner and permissioning.', RETRIEVE_RULING),
    async run(ctx) {
      const { models, note } = await listed(ctx);
      if (models.length === 0) return skip('the list has no model ids to retrieve');
      const got = await retrieveAll(ctx, models);
      for (const { model, ex } of got) {
        expectStatus(ex, 200, `"${String(model.id)}" is listed, so it must be retrievable`);
        const body = jsonOf(ex);
        expectSchema(ex, body, 'openai/model.schema.json');
        if (isObject(body) && body.id !== model.id) {
          fail({ message: `GET ${new URL(ex.request.url).pathname} answered the model "${String(body.id)}"`, pointer: '/id', expected: JSON.stringify(model.id), received: JSON.stringify(body.id), exchanges: [ex] });
        }
      }
      return pass(`${note} retrieve as the Model they name`, got.slice(0, 3).map((g) => g.ex));
    },
  },
  {
    id: 'OAI-GET-02',
    title: 'A retrieved model is the listed one: same object, owned_by and created',
    level: 'SHOULD',
    reference: ref(SPEC, 'Model', 'Describes an OpenAI model offering that can be used with the API.',
      `Both operations answer the same Model schema for the same id, so its fields should agree. created may differ only when both are the time of the request (within ${FUTURE_TOLERANCE_S / 3600} h of our clock), as servers that report the request time do. Extra fields may differ.`),
    async run(ctx) {
      const { list, models, note } = await listed(ctx);
      if (models.length === 0) return skip('the list has no model ids to retrieve');
      const now = ctx.nowSeconds();
      const recent = (v: unknown) => typeof v === 'number' && Math.abs(v - now) <= FUTURE_TOLERANCE_S;
      for (const { model, ex } of await retrieveAll(ctx, models)) {
        if (ex.response?.status !== 200) return skip(`"${String(model.id)}" was not retrieved (see OAI-GET-01): nothing to compare`);
        const got = jsonOf(ex);
        if (!isObject(got) || got.id !== model.id || validate('openai/model.schema.json', got).length) {
          return skip(`"${String(model.id)}" did not retrieve as a Model of that id (see OAI-GET-01): nothing to compare`);
        }
        for (const field of ['object', 'owned_by', 'created'] as const) {
          const same = got[field] === model[field] || (field === 'created' && recent(got[field]) && recent(model[field]));
          if (!same) {
            fail({ message: `"${String(model.id)}": ${field} is ${JSON.stringify(model[field])} in the list but ${JSON.stringify(got[field])} when retrieved`, pointer: `/${field}`, expected: JSON.stringify(model[field]), received: JSON.stringify(got[field]), exchanges: [list, ex] });
          }
        }
      }
      return pass(`${note}: each retrieved model agrees with its list entry`);
    },
  },
  {
    id: 'OAI-GET-03',
    title: 'An unknown id gets 404 in an error envelope',
    level: 'SHOULD',
    reference: ref(SPEC, '/models/{model}', 'The ID of the model to use for this request',
      `The spec gives retrieveModel only its 200 answer; for an id that names no model, HTTP's 404 in the ErrorResponse envelope every OpenAI error uses (OpenAI answers 404 model_not_found) is what clients handle, hence SHOULD. The id asked for is ${UNKNOWN_MODEL_ID}.`),
    async run(ctx) {
      const { list } = await listed(ctx);
      if (listOf(list).ids.includes(UNKNOWN_MODEL_ID)) return skip(`the server lists ${UNKNOWN_MODEL_ID}: it is not unknown here`);
      const ex = await ctx.exchange(retrieveSpec(ctx, UNKNOWN_MODEL_ID));
      unlessKeyNeeded(ctx, ex);
      expectStatus(ex, 404, 'a model that does not exist is not found');
      expectErrorBody(ex, 'common/openai-error.schema.json', 'an error envelope {"error": {"message": ...}}');
      return pass('404 with an error envelope', [ex]);
    },
  },
]);
