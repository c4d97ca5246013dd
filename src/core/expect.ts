/**
 * Helpers that checks use to reach a verdict. A helper that finds the server at fault throws a
 * `fail`; one that cannot decide (transport error, rate limited) throws an `error`. The runner
 * turns the throw into the check's verdict, so a check body reads as a list of expectations.
 */
import type { Exchange, ExchangeResponse, Verdict } from './types.js';
import { MAX_ISSUES, validate } from '../contract/schemas.js';
import { parsedBody } from './bodies.js';

/** A body parsed through the depth guard (core/json.ts), once per distinct body: for judges that read a body jsonOf would fail. */
export { parsedBody };

export class Decided extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.message);
    this.name = 'Decided';
  }
}

export function pass(message: string, exchanges: Exchange[] = []): Verdict {
  return { status: 'pass', message, exchanges };
}

export function skip(message: string): Verdict {
  return { status: 'skip', message };
}

export interface FailDetails {
  message: string;
  expected?: string;
  received?: string;
  pointer?: string;
  keyword?: string;
  exchanges?: Exchange[];
}

export function fail(details: FailDetails): never {
  throw new Decided({ status: 'fail', ...details });
}

export function undecided(message: string, exchanges: Exchange[] = []): never {
  throw new Decided({ status: 'error', message, exchanges });
}

/** The response, or an `error` verdict when no usable one came back or the server kept rate limiting. */
export function responseOf(ex: Exchange): ExchangeResponse {
  if (ex.transportError || !ex.response) {
    undecided(`${ex.request.method} ${ex.request.url}: ${ex.transportError ?? 'no response'}`, [ex]);
  }
  if (ex.response.status === 429) {
    undecided(`${ex.request.method} ${ex.request.url}: rate limited (429); ${ex.retryNote ?? 'still limited after the allowed retries (--retries)'}`, [ex]);
  }
  return ex.response;
}

export function expectStatus(ex: Exchange, expected: number, why = ''): ExchangeResponse {
  const res = responseOf(ex);
  if (res.status !== expected) {
    fail({
      message: `${ex.request.method} ${pathOf(ex)} answered HTTP ${res.status}${why ? `; ${why}` : ''}`,
      expected: `HTTP ${expected}`,
      received: `HTTP ${res.status} ${excerpt(res.body, 200)}`.trim(),
      exchanges: [ex],
    });
  }
  return res;
}

/** The JSON body; a body that is not JSON (or is nested absurdly deep) fails. */
export function jsonOf(ex: Exchange): unknown {
  const res = responseOf(ex);
  // Parsed once per distinct body of the run, in the Engine's body cache.
  const p = parsedBody(res);
  if (!p.ok && p.tooDense) {
    undecided(`${pathOf(ex)}: the body is not processed: ${p.error}, far denser than any model list; a body of millions of tiny values would take more memory and time than the run allows`, [ex]);
  }
  if (!p.ok) {
    fail({
      message: `${pathOf(ex)}: ${p.tooDeep ? `the body is ${p.error}, past what a client can safely process` : `the body is not valid JSON (${p.error})`}`,
      expected: 'a JSON document',
      received: excerpt(res.body, 300),
      exchanges: [ex],
    });
  }
  return p.value;
}

/** Validate against a schema in schemas/ (optionally a fragment); the first issue fails, pointer first. */
/** `at`: where `value` sits in the body; a function when building it for every valid item would cost. */
export function expectSchema(ex: Exchange, value: unknown, schemaRef: string, at: string | (() => string) = ''): void {
  const issues = validate(schemaRef, value);
  const first = issues[0];
  if (!first) return;
  const pointer = `${typeof at === 'function' ? at() : at}${first.pointer}`;
  const more = issues.length > 1 ? ` (and ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${issues.length - 1} more)` : '';
  fail({
    message: `${pathOf(ex)}: ${pointer || '/'} ${first.message} [${first.keyword}]${more}`,
    pointer: pointer || '/',
    keyword: first.keyword,
    expected: `a value valid against ${schemaRef} (${first.schemaPath})`,
    received: `${pointer || '/'} = ${excerpt(JSON.stringify(valueAt(value, first.pointer)) ?? 'undefined', 200)}`,
    exchanges: [ex],
  });
}

export interface ListBody {
  body: Record<string, unknown>;
  items: readonly unknown[];
  ids: readonly string[];
}

/**
 * Each parsed body's list, made once: a dozen checks read the same answer, and at 50,000 models
 * building the ids again for each cost more than the checks themselves (bench/). Read-only.
 * Lists longer than LIST_MEMO_MAX_ITEMS are built per call: a hostile list of millions of items
 * would otherwise keep millions of id strings for the whole run (docs/robustness.md's RSS bound).
 */
const lists = new WeakMap<object, ListBody>();
const LIST_MEMO_MAX_ITEMS = 100_000;

/** A 200 response whose JSON body has a `data` array; ids are the string ids found. */
export function listOf(ex: Exchange): ListBody {
  expectStatus(ex, 200);
  const body = jsonOf(ex);
  const known = isObject(body) ? lists.get(body) : undefined;
  if (known) return known;
  if (!isObject(body) || !Array.isArray(body.data)) {
    fail({
      message: `${pathOf(ex)}: the body is not a list object with a "data" array`,
      expected: '{"object":"list","data":[...]}',
      received: excerpt(responseOf(ex).body, 200),
      exchanges: [ex],
    });
  }
  const items = body.data;
  const ids = items.map((item) => (isObject(item) && typeof item.id === 'string' ? item.id : JSON.stringify(isObject(item) ? item.id : item)));
  const list = { body, items, ids };
  if (items.length <= LIST_MEMO_MAX_ITEMS) lists.set(body, list);
  return list;
}

/** Fails unless `received` lists exactly the models of `expected` in the same order. */
export function expectSameOrder(expected: readonly string[], received: readonly string[], what: string, exchanges: Exchange[]): void {
  const diff = describeDifference(expected, received, true);
  if (diff) fail({ message: `${what}: ${diff}`, expected: listPreview(expected), received: listPreview(received), exchanges });
}

/** Fails unless `received` lists exactly the models of `expected`, in any order. */
export function expectSameSet(expected: readonly string[], received: readonly string[], what: string, exchanges: Exchange[]): void {
  const diff = describeDifference(expected, received, false);
  if (diff) fail({ message: `${what}: ${diff}`, expected: listPreview(expected), received: listPreview(received), exchanges });
}

/**
 * The two-list comparison: both answers must be lists, and `second` must list exactly the models of
 * `first` (`same order`: in that order too); the evidence is both exchanges. Returns both lists.
 */
export function compareLists(first: Exchange, second: Exchange, order: 'same order' | 'any order', what: string): [ListBody, ListBody] {
  const a = listOf(first);
  const b = listOf(second);
  (order === 'same order' ? expectSameOrder : expectSameSet)(a.ids, b.ids, what, [first, second]);
  return [a, b];
}

export function describeDifference(expected: readonly string[], received: readonly string[], ordered: boolean): string | undefined {
  // The usual answer, found without building sets (thousands of ids on a big catalogue).
  if (expected.length === received.length && expected.every((id, i) => id === received[i])) return undefined;
  const exp = new Set(expected);
  const rec = new Set(received);
  const missing = expected.filter((id) => !rec.has(id));
  const extra = received.filter((id) => !exp.has(id));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.length} (${preview(missing)})`);
  if (extra.length) parts.push(`unexpected ${extra.length} (${preview(extra)})`);
  if (!parts.length && expected.length !== received.length) parts.push(`${expected.length} entries expected, ${received.length} received (duplicates)`);
  if (!parts.length && ordered) {
    const at = expected.findIndex((id, i) => received[i] !== id);
    if (at >= 0) parts.push(`same models, but the order differs from position ${at + 1}: expected ${expected[at]}, received ${received[at]}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

function preview(ids: readonly string[], n = 5): string {
  return ids.slice(0, n).join(', ') + (ids.length > n ? `, … ${ids.length - n} more` : '');
}

export function listPreview(ids: readonly string[]): string {
  return `${ids.length} models: [${preview(ids, 8)}]`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}… (${text.length} chars)` : flat;
}

export function pathOf(ex: Exchange): string {
  try {
    const u = new URL(ex.request.url);
    return `${ex.request.method === 'GET' ? '' : `${ex.request.method} `}${u.pathname}${u.search}`;
  } catch {
    return ex.request.url;
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  if (!pointer) return root;
  let cur: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function header(res: ExchangeResponse, name: string): string | undefined {
  return res.headers[name.toLowerCase()];
}
