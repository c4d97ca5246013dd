/**
 * Expectations every profile shares: all three APIs mirror OpenAI's /v1/models list, so they judge
 * the list object, its standard fields, timestamps and error envelopes alike.
 */
import { compareLists, expectSchema, expectStatus, fail, header, isObject, jsonOf, listOf, parsedBody, pass, responseOf, type ListBody } from '../src/core/expect.js';
import { validate } from '../src/contract/schemas.js';
import type { CheckContext, Exchange, RequestSpec, Verdict } from '../src/core/types.js';

/** 200 with a JSON body labelled application/json (or +json, parameters allowed). */
export function expectJsonOk(ex: Exchange): Verdict {
  const res = expectStatus(ex, 200);
  const type = header(res, 'content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    fail({ message: `Content-Type is "${type || '(none)'}"`, expected: 'application/json', received: type || '(no Content-Type header)', exchanges: [ex] });
  }
  jsonOf(ex);
  return pass(`200, ${type}, ${res.size} bytes of valid JSON`, [ex]);
}

/** Top level {object: "list", data: [...]}, object checked against `objectRef`. */
export function expectListObject(ex: Exchange, objectRef: string): Verdict {
  expectStatus(ex, 200);
  const body = jsonOf(ex);
  if (!isObject(body) || !('object' in body)) {
    fail({ message: 'no "object" field at the top level', expected: '"object": "list"', received: JSON.stringify(body)?.slice(0, 120), exchanges: [ex] });
  }
  expectSchema(ex, body.object, objectRef, '/object');
  if (!Array.isArray(body.data)) {
    fail({ message: 'no "data" array at the top level', pointer: '/data', expected: '"data": [ ... ]', received: JSON.stringify(body.data)?.slice(0, 120) ?? 'undefined', exchanges: [ex] });
  }
  return pass(`object "list" with ${body.data.length} models`, [ex]);
}

/** Every item has each of `fields`, valid against `<schema>#/properties/<field>` (other fields are judged elsewhere). */
export function expectItemFields(ex: Exchange, schema: string, fields: readonly string[]): Verdict {
  const { items } = listOf(ex);
  // One reference string per field for all items (the validator cache hashes each new string).
  const refs = fields.map((field) => `${schema}#/properties/${field}`);
  items.forEach((item, i) => {
    if (!isObject(item)) fail({ message: `/data/${i} is not an object`, pointer: `/data/${i}`, expected: 'a model object', received: JSON.stringify(item)?.slice(0, 120), exchanges: [ex] });
    fields.forEach((field, f) => {
      if (!(field in item)) {
        fail({ message: `/data/${i} (${String(item.id)}) has no "${field}"`, pointer: `/data/${i}`, keyword: 'required', expected: `a "${field}" field`, received: Object.keys(item).join(', '), exchanges: [ex] });
      }
      expectSchema(ex, item[field], refs[f]!, `/data/${i}/${field}`);
    });
  });
  return pass(`${items.length} models, each with ${fields.join(', ')}`, [ex]);
}

/** What is wrong with one item's field; the pointer defaults to /data/<i>/<field>. */
export interface ItemFault {
  message: string;
  expected: string;
  received?: string;
  keyword?: string;
  pointer?: string;
}

/**
 * The per-item rule: `judge` sees each item's `field` (undefined when the item is no object or has
 * no such field) and returns what is wrong with it, if anything; the first fault fails the check.
 */
export function expectEveryItem(ex: Exchange, items: readonly unknown[], field: string, judge: (value: unknown, i: number, item: unknown) => ItemFault | undefined): void {
  items.forEach((item, i) => {
    const fault = judge(isObject(item) ? item[field] : undefined, i, item);
    if (fault) fail({ ...fault, pointer: fault.pointer ?? `/data/${i}/${field}`, exchanges: [ex] });
  });
}

/** Validate `field` on every item that carries it against the same-named property of `schema`. */
export function expectFieldOnItems(ex: Exchange, items: readonly unknown[], field: string, schema: string): number {
  let seen = 0;
  // One reference string for all items: a new one per item costs a hash in the validator cache each time.
  const ref = `${schema}#/properties/${field}`;
  items.forEach((item, i) => {
    if (!isObject(item) || !(field in item)) return;
    seen++;
    expectSchema(ex, item[field], ref, () => `/data/${i}/${field}`);
  });
  return seen;
}

/** One of the two answers compareAnswers compared: its exchange and its list. */
export interface ComparedList extends ListBody {
  ex: Exchange;
}

/** The two-list comparison on two requests: sends both, then compareLists (src/core/expect.ts). */
export async function compareAnswers(ctx: CheckContext, first: RequestSpec, second: RequestSpec, order: 'same order' | 'any order', what: string): Promise<[ComparedList, ComparedList]> {
  const [a, b] = await Promise.all([ctx.exchange(first), ctx.exchange(second)]);
  const [listA, listB] = compareLists(a, b, order, what);
  return [{ ...listA, ex: a }, { ...listB, ex: b }];
}

/** Fails on the first id that appears twice. */
export function expectUniqueIds(ex: Exchange): Verdict {
  const { ids } = listOf(ex);
  const repeat = firstRepeat(ids);
  if (repeat) {
    const { id, first, i } = repeat;
    fail({ message: `id "${id}" appears at /data/${first} and /data/${i}`, pointer: `/data/${i}/id`, expected: 'each id once', received: `"${id}" twice`, exchanges: [ex] });
  }
  return pass(`${ids.length} distinct ids`, [ex]);
}

/** The first id seen twice, found once per list (listOf's ids are shared, read-only): several rules ask. */
const repeats = new WeakMap<readonly string[], { id: string; first: number; i: number } | null>();
function firstRepeat(ids: readonly string[]): { id: string; first: number; i: number } | null {
  let found = repeats.get(ids);
  if (found !== undefined) return found;
  found = null;
  const seen = new Map<string, number>();
  for (const [i, id] of ids.entries()) {
    const first = seen.get(id);
    if (first !== undefined) {
      found = { id, first, i };
      break;
    }
    seen.set(id, i);
  }
  repeats.set(ids, found);
  return found;
}

/** An error answer whose body is valid against `schemaRef` (a JSON error envelope). */
export function expectErrorBody(ex: Exchange, schemaRef: string, shape: string): void {
  const res = responseOf(ex);
  const parsed = parsedBody(res);
  if (!parsed.ok) {
    fail({ message: `HTTP ${res.status} from ${new URL(ex.request.url).pathname}: the body is not JSON`, expected: shape, received: `${res.headers['content-type'] ?? '(no content-type)'}: ${res.body.slice(0, 160)}`, exchanges: [ex] });
  }
  const issue = validate(schemaRef, parsed.value)[0];
  if (issue) {
    fail({
      message: `HTTP ${res.status}: the body is not ${shape}: ${issue.pointer || '/'} ${issue.message}`,
      pointer: issue.pointer || '/',
      keyword: issue.keyword,
      expected: shape,
      received: res.body.slice(0, 200),
      exchanges: [ex],
    });
  }
}

/** Status of a response, or undefined when none came back (transport error). */
export function statusOf(ex: Exchange): number | undefined {
  return ex.response?.status;
}

/** More than this many seconds ahead of our clock is not "Unix time in seconds" any more. */
export const FUTURE_TOLERANCE_S = 86_400;

/**
 * Fails on the first numeric `created` that is not a plausible Unix time in seconds (negative, or
 * beyond a day past `nowSeconds`, which is where milliseconds land); other types are the schema's.
 * Returns the upper bound used and how many values were judged.
 */
export function expectCreatedInSeconds(ex: Exchange, items: readonly unknown[], nowSeconds: number): { limit: number; judged: number } {
  const limit = nowSeconds + FUTURE_TOLERANCE_S;
  let judged = 0;
  items.forEach((item, i) => {
    const created = isObject(item) ? item.created : undefined;
    if (typeof created !== 'number' || !Number.isFinite(created)) return;
    judged++;
    if (created < 0 || created > limit) {
      const ms = created > limit && created / 1000 <= limit;
      fail({
        message: `/data/${i}/created = ${created}${ms ? ' looks like milliseconds' : ' is not a plausible Unix time in seconds'}`,
        pointer: `/data/${i}/created`,
        expected: `seconds since 1970, between 0 and ${limit}`,
        received: String(created),
        exchanges: [ex],
      });
    }
  });
  return { limit, judged };
}
