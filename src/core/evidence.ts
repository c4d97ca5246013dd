/**
 * How much server text a result keeps. Every string a server can influence is cut here, once,
 * before any report sees it, so no output grows with what a server sends: a report is bounded
 * by the number of checks (docs/robustness.md states the bound; test/amplification.test.ts
 * holds it). A cut ends in `…`, which the redactor also uses to catch a key cut short.
 */
import type { Exchange, ExchangeResponse } from './types.js';

export const EVIDENCE_LIMITS = {
  /** message, expected, received, pointer, keyword, transport error, unreachable: characters each. */
  text: 1_000,
  /** A response body kept as evidence. */
  body: 2_000,
  /** A request URL (the curl line: this plus 500 for its options). */
  url: 1_000,
  /** A recorded redirect hop (`301 -> <Location>`). */
  redirect: 300,
  /** Response headers kept per response, and the length of each name and value. */
  headers: 16,
  headerName: 64,
  headerValue: 256,
  /** Exchanges kept per result, 429 answers kept per exchange, redirects kept per exchange. */
  exchanges: 4,
  rateLimited: 1,
  redirects: 6,
} as const;

/** At most `max` characters (never half a surrogate pair), then `…` and what was left out. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\ud800-\udbff]/.test(s[max - 1] ?? '') ? max - 1 : max;
  return `${s.slice(0, end)}… [${s.length - end} more chars]`;
}

/** A server-influenced one-liner (message, expected, received, ...), cut to the text limit. */
export function boundText<T extends string | undefined>(s: T): T {
  return (s === undefined ? s : cut(s, EVIDENCE_LIMITS.text)) as T;
}

export function boundExchange(ex: Exchange): Exchange {
  const L = EVIDENCE_LIMITS;
  return {
    ...ex,
    request: { ...ex.request, url: cut(ex.request.url, L.url) },
    ...(ex.response ? { response: boundResponse(ex.response) } : {}),
    ...(ex.transportError !== undefined ? { transportError: boundText(ex.transportError) } : {}),
    rateLimited: ex.rateLimited.slice(0, L.rateLimited).map(boundResponse),
    ...(ex.redirects ? { redirects: ex.redirects.slice(0, L.redirects).map((r) => cut(r, L.redirect)) } : {}),
    curl: cut(ex.curl, L.url + 500),
  };
}

function boundResponse(res: ExchangeResponse): ExchangeResponse {
  const L = EVIDENCE_LIMITS;
  const entries = Object.entries(res.headers);
  const headers = Object.fromEntries(entries.slice(0, L.headers).map(([k, v]) => [cut(k, L.headerName), cut(v, L.headerValue)]));
  if (entries.length > L.headers) headers['…'] = `${entries.length - L.headers} more headers not kept`;
  return { ...res, headers, body: cut(res.body, L.body) };
}
