// Broken NanoGPT sorting (NG-SORT) and key handling (NG-AUTH). Unless a description says
// otherwise, a break touches only the canonical GET /api/v1/models.
import type { Reply } from '../serve.js';
import { byAccountUsage, byGlobalUsage, rankBy, subscriptionModels } from '../data.js';
import { ANONYMOUS, LIST_CACHE, PATHS, TEXT_LISTS, openAiError, unauthorized, type Caller, type NanoAsked, type NanoBreak } from '../nanogpt-http.js';
import { body, type Item } from './edit.js';

const isCanonical = (a: NanoAsked) => a.method === 'GET' && a.path === PATHS.models;
const sortOf = (a: NanoAsked) => a.query.get('sort');
const unknownSort = (a: NanoAsked) => sortOf(a) !== null && sortOf(a) !== 'favorites' && sortOf(a) !== 'mostused';
/** The canonical list answers 401 to callers that `who` picks. */
const rejects = (who: (c: Caller, a: NanoAsked) => boolean) => (a: NanoAsked): Reply | undefined =>
  isCanonical(a) && who(a.caller, a) ? unauthorized(LIST_CACHE) : undefined;
/** The canonical list's 200 answer to requests `when` picks, rewritten. */
const canonicalReply = (when: (a: NanoAsked) => boolean, edit: (r: Reply) => Reply) => (r: Reply, a: NanoAsked): Reply | void =>
  isCanonical(a) && r.status === 200 && when(a) ? edit(r) : undefined;
/** The server reads the canonical request's sort as `to` when `when` holds. */
const readsSort = (when: (a: NanoAsked) => boolean, to: string | null) => (a: NanoAsked) => {
  if (!isCanonical(a) || !when(a)) return;
  if (to === null) a.query.delete('sort');
  else a.query.set('sort', to);
};
const dropsDetailed = (when: (a: NanoAsked) => boolean) => (a: NanoAsked) => void (isCanonical(a) && when(a) && a.query.delete('detailed'));
const favorites = (a: NanoAsked) => sortOf(a) === 'favorites';
const mostused = (a: NanoAsked) => sortOf(a) === 'mostused';

export const SORT_AUTH_BREAKS = {
  // --- sort (NG-SORT) ---
  'mostused-drops-model': { description: 'sort=mostused omits the last model', rule: 'ngm.17', kills: ['NG-SORT-01'],
    reply: canonicalReply(mostused, body((b) => void (b.data as Item[]).pop())) },
  'mostused-requires-key': { description: 'sort=mostused without a valid key answers 401', rule: 'ngm.37', kills: ['NG-SORT-02'],
    answer: rejects((c, a) => mostused(a) && c.state !== 'valid') },
  'favorites-anon-reordered': { description: 'sort=favorites without a valid key uses the mostused order', rule: 'ngm.36', kills: ['NG-SORT-03', 'NG-SORT-04'],
    read: readsSort((a) => favorites(a) && a.caller.state !== 'valid', 'mostused') },
  'favorites-invalid-key-401': { description: 'sort=favorites with an invalid key answers 401 (no key still falls back)', rule: 'ngm.36', kills: ['NG-SORT-04'],
    answer: rejects((c, a) => favorites(a) && c.state === 'invalid') },
  'favorites-adds-model': { description: "sort=favorites with a valid key adds a recently used paid model the key's list hides", rule: 'ngm.31', kills: ['NG-SORT-05'],
    models: (ms, l) => {
      if (l.asked.path !== PATHS.models || l.sort !== 'favorites' || l.asked.caller.state !== 'valid') return ms;
      const hidden = rankBy(l.visible.filter((m) => !ms.includes(m)), byAccountUsage)[0];
      return hidden && byAccountUsage(hidden) > 0 ? [...ms, hidden] : ms;
    } },
  'invalid-sort-400': { description: 'unknown sort values answer 400 (OpenAI envelope)', rule: 'ngm.38', kills: ['NG-SORT-06'],
    answer: (a) => (isCanonical(a) && unknownSort(a) ? openAiError(400, `Invalid sort value: ${sortOf(a)}`, 'invalid_request_error', 'invalid_sort', 'sort', LIST_CACHE) : undefined) },
  'invalid-sort-reorders': { description: 'unknown sort values reverse the list', rule: 'ngm.38', kills: ['NG-SORT-06'],
    reply: canonicalReply(unknownSort, body((b) => void (b.data as Item[]).reverse())) },
  'sort-drops-detailed': { description: 'sort=favorites/mostused answers basic items even with detailed=true', rule: 'ngm.39', kills: ['NG-SORT-07'],
    read: dropsDetailed((a) => favorites(a) || mostused(a)) },
  'mostused-hides-unranked': { description: 'sort=mostused leaves out the unranked (never used) models', rule: 'ngm.34', kills: ['NG-SORT-01'],
    models: (ms, l) => (l.asked.path === PATHS.models && l.sort === 'mostused' ? ms.filter((m) => byGlobalUsage(m) > 0) : ms) },
  'mostused-detailed-hides-unranked': { description: 'detailed=true&sort=mostused leaves out the unranked models (basic sort is right)', rule: 'ngm.39', kills: ['NG-SORT-07'],
    models: (ms, l) => (l.asked.path === PATHS.models && l.sort === 'mostused' && l.detailed ? ms.filter((m) => byGlobalUsage(m) > 0) : ms) },
  'favorites-invalid-xapikey-reordered': { description: 'sort=favorites with an invalid x-api-key uses the mostused order (invalid Bearer falls back)', rule: 'ngm.36', kills: ['NG-SORT-04'],
    read: readsSort((a) => favorites(a) && a.caller.state !== 'valid' && a.caller.via === 'x-api-key', 'mostused') },
  'favorites-xapikey-unsorted': { description: 'sort=favorites with the valid key via x-api-key is not personalized (Bearer is)', rule: 'ngm.35', kills: ['NG-SORT-09'],
    read: readsSort((a) => favorites(a) && a.caller.state === 'valid' && a.caller.via === 'x-api-key', null) },
  'invalid-sort-drops-detailed': { description: 'an unknown sort value with detailed=true answers the basic form', rule: 'ngm.38', kills: ['NG-SORT-10'],
    read: dropsDetailed(unknownSort) },
  // --- auth (NG-AUTH) ---
  'invalid-bearer-401': { description: 'invalid key via Authorization: Bearer answers 401', rule: 'ngm.53', kills: ['NG-AUTH-01'],
    answer: rejects((c) => c.state === 'invalid' && c.via === 'bearer') },
  'invalid-xapikey-401': { description: 'invalid key via x-api-key answers 401', rule: 'ngm.53', kills: ['NG-AUTH-02'],
    answer: rejects((c) => c.state === 'invalid' && c.via === 'x-api-key') },
  'invalid-key-hides-models': { description: 'an invalid key gets the list without the paid models', rule: 'ngm.110', kills: ['NG-AUTH-03'],
    models: (ms, l) => (l.asked.path === PATHS.models && l.asked.caller.state === 'invalid' ? subscriptionModels(l.visible) : ms) },
  'valid-bearer-rejected': { description: 'the valid key via Authorization: Bearer answers 401', rule: 'ngm.51', kills: ['NG-AUTH-04'],
    answer: rejects((c) => c.state === 'valid' && c.via === 'bearer') },
  'valid-xapikey-rejected': { description: 'the valid key via x-api-key answers 401', rule: 'ngm.52', kills: ['NG-AUTH-05'],
    answer: rejects((c) => c.state === 'valid' && c.via === 'x-api-key') },
  'xapikey-ignored': { description: 'x-api-key is ignored on every public endpoint (personalized still accepts it)', rule: 'ngm.52', kills: ['NG-AUTH-06'],
    read: (a) => void (TEXT_LISTS.includes(a.path) && a.caller.via === 'x-api-key' && (a.caller = ANONYMOUS)) },
} as const satisfies Record<string, NanoBreak>;
