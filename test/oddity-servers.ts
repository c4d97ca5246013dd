/**
 * Conforming but unusual servers: a front on 127.0.0.1 (test/oddity-front.ts) that forwards every
 * request to a real reference server and reshapes the answer in ways the docs allow (extra fields,
 * compression, chunking, other JSON spellings, other documented envelopes...). Every one must pass.
 */
import type { ExchangeResponse } from '../src/core/types.js';
import type { Answer, Oddity } from './oddity-front.js';

export { startOddity, type Answer, type FrontContext, type Oddity, type RunningOddity } from './oddity-front.js';
// ---------------------------------------------------------------------------------------------
// Body rewrites

/** Unknown fields on every object, at every depth, of every JSON body (lists, items, errors...). */
export function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withExtraFields(v);
  out.x_conformance_extra = { note: 'an unknown field', nested: [1, 'two', null, { deep: true }] };
  out.xConformanceNull = null;
  return out;
}

/** Every list empty: a catalogue with nothing in it yet. */
function emptied(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.data)) return body;
  const meta = b.meta && typeof b.meta === 'object' && 'count' in b.meta ? { ...b.meta, count: 0 } : b.meta;
  return { ...b, data: [], ...(meta === undefined ? {} : { meta }) };
}

/** null for the two detailed fields the seed says are "null if not available". */
function unknownLimits(body: unknown): unknown {
  const b = body as { data?: unknown };
  if (!Array.isArray(b?.data)) return body;
  return {
    ...(body as object),
    data: b.data.map((item: Record<string, unknown>) => ({
      ...item,
      ...('context_length' in item ? { context_length: null } : {}),
      ...('max_output_tokens' in item ? { max_output_tokens: null } : {}),
    })),
  };
}

/** The way PHP's json_encode and some Python servers write JSON: 1.0 for 1, \/ for /, \u escapes, CRLF indents. */
export function phpStyleJson(value: unknown, indent = ''): string {
  const next = `${indent}\t`;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value.toFixed(1) : JSON.stringify(value);
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/\//g, '\\/').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(value)) return value.length ? `[\r\n${value.map((v) => next + phpStyleJson(v, next)).join(',\r\n')}\r\n${indent}]` : '[]';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${next}${JSON.stringify(k)} : ${phpStyleJson(v, next)}`);
    return entries.length ? `{\r\n${entries.join(',\r\n')}\r\n${indent}}` : '{}';
  }
  return JSON.stringify(value);
}

const onStatus = (status: number, rewrite: (body: unknown) => unknown) => (body: unknown, a: Answer) => (a.status === status ? rewrite(body) : body);

// Client-side evidence that an oddity reached the suite.
type Seen = (rs: ExchangeResponse[]) => boolean;
const some = (pred: (r: ExchangeResponse) => boolean): Seen => (rs) => rs.some(pred);
const everyJson = (pred: (r: ExchangeResponse) => boolean): Seen => (rs) => {
  const json = rs.filter((r) => /json/i.test(r.headers['content-type'] ?? ''));
  return json.length > 0 && json.every(pred);
};
const encodedAs = (coding: string): Seen => (rs) => rs.filter((r) => r.size > 0).every((r) => r.headers['content-encoding'] === coding) && rs.some((r) => r.size > 0);
const both = (a: Seen, b: Seen): Seen => (rs) => a(rs) && b(rs);
const unauthorizedBody = (text: string): Seen => some((r) => r.status === 401 && r.body === text);
const isPersonalizedAnswer = (r: ExchangeResponse) => r.status === 200 && /private|no-cache/.test(r.headers['cache-control'] ?? '');

// ---------------------------------------------------------------------------------------------
// The oddities

/** The oddity in which an optional (MAY) behaviour is not offered. */
export const MAY_ABSENT = 'may-absent-image-basic';

export const ODDITIES: Oddity[] = [
  {
    name: 'extra-fields',
    why: 'unknown fields at every level of every body, including error and 429 bodies, and unknown headers ("New fields are additive only")',
    upstream: { rateLimitFirst: 1 },
    json: withExtraFields,
    headers: (a) => {
      a.headers['x-conformance-unknown'] = 'yes';
    },
    seen: both(
      everyJson((r) => r.body.includes('x_conformance_extra') && r.headers['x-conformance-unknown'] === 'yes'),
      (rs) => [200, 401, 429].every((status) => rs.some((r) => r.status === status && r.body.includes('x_conformance_extra'))),
    ),
  },
  { name: 'gzip', why: 'Content-Encoding: gzip', encoding: 'gzip', seen: encodedAs('gzip') },
  { name: 'brotli', why: 'Content-Encoding: br', encoding: 'br', seen: encodedAs('br') },
  { name: 'deflate', why: 'Content-Encoding: deflate (zlib)', encoding: 'deflate', seen: encodedAs('deflate') },
  {
    name: 'chunked',
    why: 'Transfer-Encoding: chunked, no Content-Length, the body in three writes',
    chunked: true,
    seen: everyJson((r) => r.headers['transfer-encoding'] === 'chunked' && r.headers['content-length'] === undefined),
  },
  {
    name: 'connection-close',
    why: 'Connection: close on every answer: a new connection for each request',
    headers: (a) => {
      a.headers.connection = 'close';
    },
    seen: everyJson((r) => r.headers.connection === 'close'),
  },
  {
    name: 'charset-uppercase',
    why: 'Content-Type: application/json;charset=UTF-8 (no space, upper-case charset)',
    headers: (a) => {
      if (/json/i.test(a.headers['content-type'] ?? '')) a.headers['content-type'] = 'application/json;charset=UTF-8';
    },
    seen: everyJson((r) => r.headers['content-type'] === 'application/json;charset=UTF-8'),
  },
  {
    name: 'no-charset',
    why: 'Content-Type: application/json with no parameter',
    headers: (a) => {
      if (/json/i.test(a.headers['content-type'] ?? '')) a.headers['content-type'] = 'application/json';
    },
    seen: everyJson((r) => r.headers['content-type'] === 'application/json'),
  },
  {
    name: 'null-limits',
    why: 'context_length and max_output_tokens null on every detailed model ("null if not available")',
    json: unknownLimits,
    seen: both(some((r) => r.body.includes('"context_length":null,"max_output_tokens":null')), (rs) => !rs.some((r) => /"context_length":\d/.test(r.body))),
  },
  {
    name: 'empty-registry',
    why: 'every list empty: data [] everywhere, image meta.count 0',
    json: emptied,
    seen: both(everyJson((r) => r.status !== 200 || r.body.includes('"data":[]')), some((r) => r.body.includes('"count":0'))),
  },
  {
    name: 'large-catalogue',
    why: '5,000 more text models (every list grows; detailed lists are megabytes)',
    upstream: { extraModels: 5000 },
    // Server, front and checks share one process here, and a rule now reads every twin's multi-MB
    // answer: a generous per-request timeout keeps this a test of verdicts (speed is npm run bench's).
    timeoutMs: 30_000,
    seen: some((r) => r.size > 2_000_000),
  },
  {
    name: 'rate-limited-first',
    why: 'the first answer is the documented 429 with Retry-After: 1, then normal answers',
    upstream: { rateLimitFirst: 1 },
    headers: (a) => {
      if (a.status === 429) a.headers['retry-after'] = '1';
    },
    seen: some((r) => r.status === 429 && r.headers['retry-after'] === '1' && r.body.includes('"code":"rate_limited"')),
  },
  {
    name: '429-openai-envelope',
    why: "the first answer is a 429 in the OpenAI error envelope (the error-handling page's form for /api/v1/*)",
    upstream: { rateLimitFirst: 1 },
    json: onStatus(429, () => ({ error: { message: 'Rate limit exceeded', type: 'rate_limit_error', param: null, code: 'rate_limited' } })),
    seen: some((r) => r.status === 429 && r.body.startsWith('{"error":{')),
  },
  {
    name: '401-legacy-envelope',
    why: '401 bodies in the legacy {error, status} envelope the error-handling page documents for /api/* endpoints',
    json: onStatus(401, () => ({ error: 'Invalid API key', status: 401 })),
    seen: unauthorizedBody('{"error":"Invalid API key","status":401}'),
  },
  {
    name: '401-code-message',
    why: "401 bodies as {code, message}, the models page's error form",
    json: onStatus(401, () => ({ code: 'unauthorized', message: 'Invalid or missing API key' })),
    seen: unauthorizedBody('{"code":"unauthorized","message":"Invalid or missing API key"}'),
  },
  {
    name: '401-openapi-error',
    why: '401 bodies as the vendor OpenAPI Error {error: integer, message}',
    json: onStatus(401, () => ({ error: 401, message: 'Unauthorized' })),
    seen: unauthorizedBody('{"error":401,"message":"Unauthorized"}'),
  },
  {
    name: 'php-style-json',
    why: 'integers written 1.0, escaped slashes, \\u escapes, CRLF and tab indentation: the same JSON values',
    json: (b) => b,
    serialize: (b) => phpStyleJson(b),
    seen: both(everyJson((r) => r.body.startsWith('{\r\n\t"')), some((r) => /\d\.0,/.test(r.body) && r.body.includes('\\/'))),
  },
  {
    name: 'cors-echo-origin',
    why: 'Access-Control-Allow-Origin echoes the request Origin, with Vary: Origin',
    headers: (a, ctx) => {
      const origin = ctx.request.origin;
      if (typeof origin === 'string' && a.headers['access-control-allow-origin']) {
        a.headers['access-control-allow-origin'] = origin;
        a.headers.vary = a.headers.vary ? `${a.headers.vary}, Origin` : 'Origin';
      }
    },
    seen: some((r) => /^https:\/\//.test(r.headers['access-control-allow-origin'] ?? '') && /Origin/.test(r.headers.vary ?? '')),
  },
  {
    name: 'cache-private-only',
    why: 'personalized answers carry only Cache-Control: private (no Vary); other answers no cache headers at all',
    headers: (a, ctx) => {
      delete a.headers.vary;
      if (ctx.path.startsWith('/api/personalized/')) a.headers['cache-control'] = 'private';
      else delete a.headers['cache-control'];
    },
    seen: both(some((r) => isPersonalizedAnswer(r) && r.headers['cache-control'] === 'private'), (rs) => rs.every((r) => r.headers.vary === undefined)),
  },
  {
    name: 'cache-no-cache-vary',
    why: 'personalized answers are Cache-Control: no-cache with Vary: Authorization, X-API-Key (revalidated per key)',
    headers: (a, ctx) => {
      if (!ctx.path.startsWith('/api/personalized/')) return;
      a.headers['cache-control'] = 'no-cache';
      a.headers.vary = 'Authorization, X-API-Key';
    },
    seen: some((r) => isPersonalizedAnswer(r) && r.headers['cache-control'] === 'no-cache' && r.headers.vary === 'Authorization, X-API-Key'),
  },
  {
    name: 'all-at-once',
    why: 'extra fields, PHP-style JSON, brotli, chunked, Connection: close, upper-case charset and a first 429 together',
    upstream: { rateLimitFirst: 1 },
    json: withExtraFields,
    serialize: (b) => phpStyleJson(b),
    encoding: 'br',
    chunked: true,
    headers: (a) => {
      a.headers.connection = 'close';
      if (/json/i.test(a.headers['content-type'] ?? '')) a.headers['content-type'] = 'application/json;charset=UTF-8';
    },
    seen: everyJson((r) => r.headers['content-encoding'] === 'br' && r.headers['transfer-encoding'] === 'chunked' && r.headers.connection === 'close' && r.body.includes('x_conformance_extra')),
  },
  {
    name: MAY_ABSENT,
    why: 'image models with detailed=false still answer detailed items: "each item may include only basic model identifiers" permits basic items, it does not require them (NG-IMG-07 is then absent, not failed)',
    path: (p) => (p.startsWith('/api/v1/image-models?') ? p.replace('detailed=false', 'detailed=true') : p),
    headers: (a, ctx) => {
      if (ctx.path === '/api/v1/image-models' && ctx.search.includes('detailed=false')) a.headers['x-conformance-may'] = 'absent';
    },
    seen: (rs) => rs.some((r) => r.headers['x-conformance-may'] === 'absent'),
  },
];
