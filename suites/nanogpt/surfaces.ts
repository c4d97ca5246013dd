/**
 * The surfaces the NanoGPT rules govern, named once. A rule picks a list (or builds one from
 * these) and `onSurfaces`/`eachSurface` (suites/surfaces.ts) applies it to each. The engine sends
 * each distinct request once per run, so a surface shared by many rules costs one request.
 */
import type { AuthSpec, RequestSpec } from '../../src/core/types.js';
import { surface, type Surface } from '../surfaces.js';
import {
  BEARER_INVALID, BEARER_VALID, EXPLORE_SEARCH, EXPLORE_TEXT, get, IMAGE_MODELS, MODELS, PAID, PERSONALIZED, SUBSCRIPTION, XKEY_INVALID, XKEY_VALID,
} from './requests.js';

const DETAILED = { detailed: 'true' };
const BOGUS_SORT = 'conformance-not-a-sort';
const one = (specs: RequestSpec[]): Surface[] => specs.map((s) => surface(s));

/** The three text-model endpoints the models page documents ("Standard CORS and rate limiting apply" to all). */
export const TEXT_ENDPOINTS = [MODELS, SUBSCRIPTION, PAID] as const;
/** The text lists that answer without a key (personalized needs one). */
const PUBLIC_LISTS = TEXT_ENDPOINTS;

/** Every basic-mode text list request the suite makes: endpoint x credential x sort. */
export const TEXT_BASIC: readonly Surface[] = one([
  get(MODELS),
  get(MODELS, { detailed: 'false' }),
  get(MODELS, {}, BEARER_INVALID),
  get(MODELS, {}, XKEY_INVALID),
  get(MODELS, {}, BEARER_VALID),
  get(MODELS, {}, XKEY_VALID),
  get(MODELS, { sort: 'mostused' }),
  get(MODELS, { sort: 'favorites' }),
  get(MODELS, { sort: 'favorites' }, BEARER_INVALID),
  get(MODELS, { sort: 'favorites' }, XKEY_INVALID),
  get(MODELS, { sort: 'favorites' }, BEARER_VALID),
  get(MODELS, { sort: 'favorites' }, XKEY_VALID),
  get(MODELS, { sort: BOGUS_SORT }),
  get(SUBSCRIPTION),
  get(SUBSCRIPTION, {}, BEARER_INVALID),
  get(SUBSCRIPTION, {}, XKEY_INVALID),
  get(SUBSCRIPTION, {}, BEARER_VALID),
  get(SUBSCRIPTION, {}, XKEY_VALID),
  get(PAID),
  get(PAID, {}, BEARER_INVALID),
  get(PAID, {}, XKEY_INVALID),
  get(PAID, {}, BEARER_VALID),
  get(PAID, {}, XKEY_VALID),
  get(PERSONALIZED, {}, BEARER_VALID),
  get(PERSONALIZED, {}, XKEY_VALID),
]);

/** Every detailed=true text list request: the documented examples included. */
export const TEXT_DETAILED: readonly Surface[] = one([
  get(MODELS, DETAILED),
  get(MODELS, DETAILED, BEARER_INVALID),
  get(MODELS, DETAILED, XKEY_INVALID),
  get(MODELS, DETAILED, BEARER_VALID),
  get(MODELS, DETAILED, XKEY_VALID),
  get(MODELS, { ...DETAILED, sort: 'mostused' }),
  get(MODELS, { ...DETAILED, sort: 'favorites' }, BEARER_VALID),
  get(MODELS, { ...DETAILED, sort: BOGUS_SORT }),
  get(SUBSCRIPTION, DETAILED),
  get(SUBSCRIPTION, DETAILED, XKEY_VALID),
  get(PAID, DETAILED),
  get(PAID, DETAILED, BEARER_VALID),
  get(PERSONALIZED, DETAILED, BEARER_VALID),
  get(PERSONALIZED, DETAILED, XKEY_VALID),
]);

export const TEXT_ALL: readonly Surface[] = [...TEXT_BASIC, ...TEXT_DETAILED];

/** Basic then detailed, for one endpoint and credential: the same listing in two modes. */
const modes = (path: string, auth?: AuthSpec): Surface => surface(get(path, {}, auth), get(path, DETAILED, auth));
export const BASIC_VS_DETAILED: readonly Surface[] = [
  modes(MODELS),
  modes(MODELS, BEARER_VALID),
  modes(SUBSCRIPTION),
  modes(SUBSCRIPTION, XKEY_VALID),
  modes(PAID),
  modes(PAID, BEARER_VALID),
  modes(PERSONALIZED, BEARER_VALID),
  modes(PERSONALIZED, XKEY_VALID),
];

/** A credential on each public text list, basic and (canonical) detailed. */
export function keyed(auth: AuthSpec): Surface[] {
  return one([get(MODELS, {}, auth), get(MODELS, DETAILED, auth), ...PUBLIC_LISTS.slice(1).map((p) => get(p, {}, auth))]);
}

/** No key, then `auth`: the answer an invalid key must leave unchanged, on each public text list. */
export function anonymousVs(auth: AuthSpec): Surface[] {
  return PUBLIC_LISTS.map((p) => surface(get(p), get(p, {}, auth)));
}

/** Bearer then x-api-key with the same valid key, on each public text list. */
export const BEARER_VS_XKEY: readonly Surface[] = PUBLIC_LISTS.map((p) => surface(get(p, {}, BEARER_VALID), get(p, {}, XKEY_VALID)));

/** Image models: the default (detailed) form, the documented explicit detailed=true with a Bearer key, the default through x-api-key (both documented headers), and detailed=false. */
export const IMAGE_DETAILED: readonly Surface[] = one([get(IMAGE_MODELS), get(IMAGE_MODELS, DETAILED, BEARER_VALID), get(IMAGE_MODELS, {}, XKEY_VALID)]);
export const IMAGE_BASIC: readonly Surface[] = one([get(IMAGE_MODELS, { detailed: 'false' })]);
export const IMAGE_ALL: readonly Surface[] = [...IMAGE_DETAILED, ...IMAGE_BASIC];

/** The explore endpoints, documented with the filter and (by "otherwise") without it. */
const SEARCH = { type: 'text', q: 'qwen' };
export const EXPLORE_UNFILTERED: readonly Surface[] = one([get(EXPLORE_TEXT), get(EXPLORE_SEARCH, SEARCH)]);
export const EXPLORE_FILTERED: readonly Surface[] = one([get(EXPLORE_TEXT, { distillation: 'allowed' }), get(EXPLORE_SEARCH, { ...SEARCH, distillation: 'allowed' })]);
/** Unfiltered then filtered, on each explore endpoint. */
export const EXPLORE_NARROWING: readonly Surface[] = EXPLORE_UNFILTERED.map((s, i) => surface(s.requests[0]!, EXPLORE_FILTERED[i]!.requests[0]!));
