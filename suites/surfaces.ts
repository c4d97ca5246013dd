/**
 * Rules declared with the surfaces they govern. A surface is one documented way of asking
 * (endpoint x query x credential), or a tuple of them for a rule that compares answers. A rule is
 * one judge applied to every surface of its list; the engine memoises requests, so surfaces that
 * several rules share are sent once. The check fails naming each surface it failed on; adding a
 * surface to a rule is one more entry in its list.
 */
import { Decided, pass, skip } from '../src/core/expect.js';
import type { CheckContext, Exchange, Prerequisite, RequestSpec, Verdict } from '../src/core/types.js';

export interface Surface {
  /** How reports name it, e.g. `GET /api/paid/v1/models?detailed=true (valid Bearer key)`. */
  name: string;
  /** The requests the judge receives, in this order (one for most rules). */
  requests: readonly RequestSpec[];
  /** Derived from the requests' credentials: a surface needing a missing key is skipped. */
  needs?: Prerequisite;
}

/** Why a surface is judged: the judge's verdict (pass/skip) or its thrown fail/error. */
export type Judge = (exchanges: Exchange[], ctx: CheckContext, surface: Surface) => Verdict | Promise<Verdict>;

/** `GET /api/v1/models?detailed=true (invalid x-api-key)`: the request as the reader would type it. */
export function nameOf(spec: RequestSpec): string {
  const query = new URLSearchParams(spec.query ?? {}).toString();
  const credential = spec.auth ? ` (${spec.auth.key} ${spec.auth.header === 'bearer' ? 'Bearer key' : 'x-api-key'})` : '';
  const headers = Object.keys(spec.headers ?? {}).length ? ` [${Object.keys(spec.headers!).join(', ')}]` : '';
  return `${spec.method ?? 'GET'} ${spec.path}${query ? `?${query}` : ''}${credential}${headers}`;
}

function needsOf(requests: readonly RequestSpec[]): Prerequisite | undefined {
  const keys = requests.map((r) => r.auth?.key);
  if (keys.includes('restricted')) return 'restrictedKey';
  if (keys.includes('valid')) return 'apiKey';
  return undefined;
}

/** A surface of one request, or of several compared with each other (named by the last, which differs). */
export function surface(...requests: RequestSpec[]): Surface {
  const name = requests.length === 1 ? nameOf(requests[0]!) : `${nameOf(requests[requests.length - 1]!)} vs ${requests.slice(0, -1).map(nameOf).join(', ')}`;
  const needs = needsOf(requests);
  return needs ? { name, requests, needs } : { name, requests };
}

function available(ctx: CheckContext, s: Surface): boolean {
  return s.needs === undefined || (s.needs === 'apiKey' ? ctx.hasKey : ctx.hasRestrictedKey);
}

/** Other failing surfaces named in a message; the rest are counted. */
const MAX_NAMED = 3;

interface Outcome {
  surface: Surface;
  verdict: Verdict;
  exchanges: Exchange[];
}

/**
 * The check body of a rule: `judge` on every surface (concurrently; the engine shares requests).
 * Any failing surface fails the check: the message names it (and counts, naming a few, the others
 * that fail) before the first failure's own message and details;
 * else an undecided surface makes it an error; surfaces needing a key that was not given are
 * skipped and counted; the check skips only when no surface could be judged.
 */
export function onSurfaces(surfaces: readonly Surface[], judge: Judge): (ctx: CheckContext) => Promise<Verdict> {
  return async (ctx) => {
    const usable = surfaces.filter((s) => available(ctx, s));
    const unusable = surfaces.length - usable.length;
    const exchangesOf = await Promise.all(usable.map((s) => Promise.all(s.requests.map((r) => ctx.exchange(r)))));
    // Many surfaces get the very same answer (an invalid key, an ignored sort, a key-blind list):
    // a pass on one answer is a pass on its twins, so each distinct answer is judged once.
    const passed = new Map<string, Verdict>();
    const answerKey = answerKeys();
    const outcomes: Outcome[] = [];
    for (const [i, s] of usable.entries()) {
      // Asked again (memoised: no new request) so that past --max-time the engine hands over a
      // timeout instead of the answer: judging many large answers stops at the run's deadline too.
      const exchanges = i === 0 ? exchangesOf[i]! : await Promise.all(s.requests.map((r) => ctx.exchange(r)));
      const key = exchanges.map(answerKey).join('\n');
      let verdict = passed.get(key);
      if (!verdict) {
        try {
          verdict = await judge(exchanges, ctx, s);
        } catch (err) {
          if (!(err instanceof Decided)) throw err;
          verdict = err.verdict;
        }
        if (verdict.status === 'pass') passed.set(key, verdict);
      }
      outcomes.push({ surface: s, verdict, exchanges });
    }
    const failed = outcomes.filter((o) => o.verdict.status === 'fail');
    const errored = outcomes.filter((o) => o.verdict.status === 'error');
    const bad = failed.length ? failed : errored;
    const first = bad[0];
    if (first) {
      const others = bad.slice(1).map((o) => o.surface.name);
      const named = others.slice(0, MAX_NAMED);
      const rest = others.length - named.length;
      const also = others.length ? ` (and on ${others.length} more: ${named.join('; ')}${rest ? `; … ${rest} other${rest === 1 ? '' : 's'}` : ''})` : '';
      return {
        ...first.verdict,
        message: `on ${first.surface.name}${also}: ${first.verdict.message}`,
        exchanges: first.verdict.exchanges?.length ? first.verdict.exchanges : first.exchanges,
      };
    }
    const judged = outcomes.filter((o) => o.verdict.status === 'pass');
    const without = unusable ? `; ${unusable} surface${unusable === 1 ? '' : 's'} not judged: ${unusable === 1 ? 'it needs' : 'they need'} a key that was not given` : '';
    if (!judged.length) {
      const skipped = outcomes[0]?.verdict.message;
      return skip(skipped ? `${skipped}${without}` : `every surface of this rule needs a key that was not given (${surfaces.map((s) => s.name).join('; ')})`);
    }
    const scope = surfaces.length === 1 ? '' : `on ${judged.length} surface${judged.length === 1 ? '' : 's'}: `;
    const emptyNote = judged.length < outcomes.length ? `; ${outcomes.length - judged.length} with nothing to judge` : '';
    // Evidence of a pass: the first surface's exchanges, as a one-request check gives (reports stay small).
    return pass(`${scope}${judged[0]!.verdict.message}${emptyNote}${without}`, judged[0]!.exchanges);
  };
}

/**
 * What a judge can see of an exchange, as a key: method, the request's header names (a judge may
 * ask whether Authorization was sent), status, response headers and the body. Bodies are long, so
 * each distinct body text (the engine keeps one string per text) is numbered once per call.
 */
function answerKeys(): (ex: Exchange) => string {
  const bodies = new Map<string, number>();
  return (ex) => {
    const res = ex.response;
    if (!res) return `transport ${ex.transportError ?? ''} ${ex.request.url}`; // errors are never shared
    let body = bodies.get(res.body);
    if (body === undefined) bodies.set(res.body, (body = bodies.size));
    const sent = Object.keys(ex.request.headers).map((h) => h.toLowerCase()).sort().join(',');
    return `${ex.request.method} [${sent}] ${res.status} ${JSON.stringify(res.headers)} ${ex.rateLimited.length} #${body}`;
  };
}

/** The same rule on every surface of `surfaces`, for a judge of one exchange. */
export function eachSurface(surfaces: readonly Surface[], judge: (ex: Exchange, ctx: CheckContext, surface: Surface) => Verdict | Promise<Verdict>): (ctx: CheckContext) => Promise<Verdict> {
  return onSurfaces(surfaces, (exs, ctx, s) => judge(exs[0]!, ctx, s));
}
