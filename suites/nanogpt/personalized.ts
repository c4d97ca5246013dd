/** GET /api/personalized/v1/models: key required, per-account, never shared between keys. */
import { checks, ref } from '../define.js';
import { compareLists, excerpt, expectSchema, expectStatus, fail, header, jsonOf, listOf, pass, responseOf } from '../../src/core/expect.js';
import type { AuthSpec, CheckContext, Exchange, Verdict } from '../../src/core/types.js';
import { BEARER_INVALID, BEARER_VALID, get, PERSONALIZED, XKEY_INVALID, XKEY_VALID } from './requests.js';
import { DETAILED_TEXT_FIELDS, hasAnyField } from './fields.js';
import { onSurfaces } from '../surfaces.js';
import { BASIC_VS_DETAILED, TEXT_BASIC, TEXT_DETAILED } from './surfaces.js';

const SEED = 'nanogpt-personalized-models-api.txt';
const UNAUTHORIZED = 'If the key is missing or invalid, the endpoint returns 401.';
const rejected = [get(PERSONALIZED), get(PERSONALIZED, {}, BEARER_INVALID), get(PERSONALIZED, {}, XKEY_INVALID)];

function unauthorized(auth: AuthSpec, label: string) {
  return async (ctx: CheckContext): Promise<Verdict> => {
    const ex = await ctx.exchange(get(PERSONALIZED, {}, auth));
    expectStatus(ex, 401, `${label} must be refused`);
    return pass(`${label}: 401`, [ex]);
  };
}

/** The personalized lists for the valid key, through Bearer and through x-api-key, in both modes. */
const KEYED_ANSWERS = [...TEXT_BASIC, ...TEXT_DETAILED].filter((s) => s.requests[0]!.path === PERSONALIZED);

export interface CacheRisk {
  /** true: the headers explicitly let a shared cache reuse the answer; false: only heuristic caching could. */
  explicit: boolean;
  reason: string;
}

/** Whether a shared cache could store a personalized answer and serve it to another key (RFC 9111). */
export function sharedCacheRisk(ex: Exchange): CacheRisk | undefined {
  const res = responseOf(ex);
  const cc = (header(res, 'cache-control') ?? '').toLowerCase();
  const directives = new Map(cc.split(',').map((d) => d.trim().split('=') as [string, string?]).filter(([name]) => name).map(([name, value]) => [name, value]));
  if (directives.has('private') || directives.has('no-store')) return undefined;
  for (const d of ['public', 's-maxage', 'must-revalidate']) {
    if (directives.has(d)) return { explicit: true, reason: `Cache-Control "${cc}" lets shared caches store it ("${d}" without "private" or "no-store")` };
  }
  // §3.5: without those directives a shared cache never stores an answer to an Authorization request.
  if ('authorization' in ex.request.headers) return undefined;
  const vary = (header(res, 'vary') ?? '').toLowerCase().split(',').map((v) => v.trim()).filter(Boolean);
  if (vary.includes('*') || vary.includes('x-api-key')) return undefined;
  const varyText = `Vary "${vary.join(', ') || '(none)'}"`;
  const maxAge = Number(directives.get('max-age') ?? '0');
  if (maxAge > 0) return { explicit: true, reason: `Cache-Control "${cc}" and ${varyText}: a shared cache may serve this x-api-key answer to another key for ${maxAge} s` };
  // no-cache: a cache must revalidate with the origin before each reuse, so the origin answers per key.
  if (directives.has('no-cache')) return undefined;
  return { explicit: false, reason: `no Cache-Control and ${varyText}: a shared cache may store the x-api-key answer heuristically and serve it to another key` };
}

export const personalizedChecks = checks('personalized', [
  {
    id: 'NG-PERS-01',
    title: 'No key gets 401',
    level: 'MUST',
    reference: ref(SEED, 'Authentication', UNAUTHORIZED),
    run: unauthorized(undefined, 'no key'),
  },
  {
    id: 'NG-PERS-02',
    title: 'An invalid key in Authorization: Bearer gets 401',
    level: 'MUST',
    reference: ref(SEED, 'Authentication', UNAUTHORIZED),
    run: unauthorized(BEARER_INVALID, 'invalid Bearer key'),
  },
  {
    id: 'NG-PERS-03',
    title: 'An invalid key in x-api-key gets 401',
    level: 'MUST',
    reference: ref(SEED, 'Authentication', UNAUTHORIZED),
    run: unauthorized(XKEY_INVALID, 'invalid x-api-key'),
  },
  {
    id: 'NG-PERS-04',
    title: 'The 401 bodies are JSON in a documented error envelope',
    level: 'SHOULD',
    reference: ref(SEED, 'Authentication', UNAUTHORIZED,
      'The page gives no 401 body. NanoGPT documents several error envelopes (OpenAI {error:{message,type,param,code}}, legacy {error, status}, OpenAPI Error {error, message}, {code, message}); any of them is accepted.'),
    async run(ctx) {
      const exs = await Promise.all(rejected.map((spec) => ctx.exchange(spec)));
      for (const ex of exs) {
        if (responseOf(ex).status !== 401) continue; // NG-PERS-01..03 report the status
        expectSchema(ex, jsonOf(ex), 'nanogpt/error-unauthorized.schema.json');
      }
      return pass('every 401 body is a documented JSON error envelope', exs);
    },
  },
  {
    id: 'NG-PERS-05',
    title: 'A valid key gets 200 and the same list through Bearer and x-api-key',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Authentication', 'An API key is required.'),
    async run(ctx) {
      const [exBearer, exKey] = await Promise.all([ctx.exchange(get(PERSONALIZED, {}, BEARER_VALID)), ctx.exchange(get(PERSONALIZED, {}, XKEY_VALID))]);
      for (const ex of [exBearer, exKey]) expectSchema(ex, listOf(ex).body, 'nanogpt/models-list.schema.json');
      compareLists(exBearer, exKey, 'same order', 'the same key sees different personalized lists through the two headers');
      return pass(`${listOf(exBearer).ids.length} models through either header`, [exBearer, exKey]);
    },
  },
  {
    id: 'NG-PERS-06',
    title: 'detailed=true works on the personalized list',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Compatibility & Response Shape', 'Use ?detailed=true to include additional fields like name, description, context_length, capabilities, pricing, icon_url, and cost_estimate.'),
    run: onSurfaces(BASIC_VS_DETAILED.filter((s) => s.requests[0]!.path === PERSONALIZED), ([exBasic, exDetailed]) => {
      const [, b] = compareLists(exBasic!, exDetailed!, 'same order', 'the detailed personalized list differs from the basic one');
      if (b.items.length > 0 && !b.items.some((item) => hasAnyField(item, DETAILED_TEXT_FIELDS))) {
        fail({ message: 'detailed=true answered the basic form', expected: 'detailed fields such as name and pricing', received: `${b.items.length} models without any`, exchanges: [exDetailed!] });
      }
      expectSchema(exDetailed!, b.body, 'nanogpt/models-list-detailed.schema.json');
      return pass(`${b.ids.length} detailed personalized models`, [exDetailed!]);
    }),
  },
  {
    id: 'NG-PERS-07',
    title: 'Personalized answers are not shareable by caches across keys',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Notes', 'This route is explicitly dynamic (no shared caching across keys).',
      'Read with RFC 9111: "private" or "no-store" settle it; "public", "s-maxage" or "must-revalidate" without them let shared caches store even an Authorization request; an x-api-key request has no such protection, so it also needs Vary: x-api-key (or *).'),
    run: onSurfaces(KEYED_ANSWERS, (exs) => {
      expectNoCacheRisk(exs, true);
      return pass('the answer does not let a shared cache reuse it for another key', exs);
    }),
  },
  {
    id: 'NG-PERS-08',
    title: 'The list follows the account\'s visible-model preferences (defaults when unset; paid models shown when marked visible)',
    level: 'MUST',
    reference: ref(SEED, 'Personalization Rules', 'The list is filtered by your account’s visible text models (configured in the NanoGPT web app under Settings → Models → “Visible Text Models”).'),
    untestable: 'the preferences live in the web app behind a session cookie, so the expected list cannot be known from an API key alone',
  },
  {
    id: 'NG-PERS-09',
    title: 'Personalized answers say explicitly that they are private (Cache-Control or Vary)',
    level: 'SHOULD',
    requires: ['apiKey'],
    reference: ref(SEED, 'Notes', 'This route is explicitly dynamic (no shared caching across keys).',
      'With no Cache-Control at all a shared cache may still store a 200 heuristically (RFC 9111 §4.2.2); that is a SHOULD failure, while explicit permission to share is NG-PERS-07 (MUST).'),
    run: onSurfaces(KEYED_ANSWERS, (exs) => {
      expectNoCacheRisk(exs, false);
      return pass('the answer is marked private, uncacheable or varying by key', exs);
    }),
  },
  {
    id: 'NG-PERS-10',
    title: 'An empty key ("Authorization: Bearer" with nothing after it) is refused',
    level: 'MUST',
    reference: ref(SEED, 'Authentication', UNAUTHORIZED,
      'An empty key is a missing key. RFC 6750 §3.1 lets a server answer a malformed Authorization header with 400, so 400 is accepted as well as 401; a list is the failure.'),
    async run(ctx) {
      const ex = await ctx.exchange({ path: PERSONALIZED, headers: { authorization: 'Bearer' } });
      const res = responseOf(ex);
      if (res.status !== 401 && res.status !== 400) {
        fail({ message: `"Authorization: Bearer" without a key answered HTTP ${res.status}`, expected: 'HTTP 401 (or 400)', received: `HTTP ${res.status} ${excerpt(res.body, 160)}`.trim(), exchanges: [ex] });
      }
      return pass(`an empty Bearer key: HTTP ${res.status}`, [ex]);
    },
  },
]);


/** Fails on an explicit shared-cache risk, and also on an implicit one unless `explicitOnly`. */
function expectNoCacheRisk(exs: Exchange[], explicitOnly: boolean): void {
  for (const ex of exs) {
    listOf(ex);
    const risk = sharedCacheRisk(ex);
    if (risk && (risk.explicit || !explicitOnly)) {
      const res = responseOf(ex);
      fail({ message: risk.reason, expected: 'Cache-Control: private or no-store (or Vary covering the key header)', received: `Cache-Control: ${header(res, 'cache-control') ?? '(none)'}; Vary: ${header(res, 'vary') ?? '(none)'}`, exchanges: [ex] });
    }
  }
}
