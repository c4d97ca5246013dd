// Broken NanoGPT endpoint variants (NG-VAR: subscription and paid lists) and the personalized
// list (NG-PERS).
import type { Reply } from '../serve.js';
import { subscriptionModels } from '../data.js';
import {
  ANONYMOUS,
  LIST_CACHE,
  PATHS,
  PERSONAL_CACHE,
  emptyBearer,
  notFound,
  unauthorized,
  type Caller,
  type NanoAsked,
  type NanoBreak,
} from '../nanogpt-http.js';
import { body, items, priceString, withHeaders } from './edit.js';

const get = (path: string) => (a: NanoAsked) => a.method === 'GET' && a.path === path;
const onSub = get(PATHS.subscription);
const onPaid = get(PATHS.paid);
const onPers = get(PATHS.personalized);
/** A personalized answer of the route (not a preflight or a 429), rewritten. */
const personalizedReply = (when: (r: Reply, a: NanoAsked) => boolean, edit: (r: Reply) => Reply) => (r: Reply, a: NanoAsked): Reply | void =>
  onPers(a) && r.status !== 429 && when(r, a) ? edit(r) : undefined;
/** Personalized caching headers replaced by `cache`. */
const personalizedCache = (cache: Record<string, string>, when: (a: NanoAsked) => boolean = () => true) =>
  personalizedReply((_r, a) => when(a), withHeaders(['cache-control', 'vary'], cache));
/** A 401 of the personalized list, with another body. */
const personalized401 = (type: string, text: string) =>
  personalizedReply((r) => r.status === 401, (r) => ({ ...r, headers: { ...r.headers, 'content-type': type }, body: text }));
/** The personalized list lets callers `who` picks in, with the anonymous canonical list (its caching headers kept). */
const opensTo = (who: (c: Caller, a: NanoAsked) => boolean) => (a: NanoAsked, serve: (a: NanoAsked) => Reply): Reply | undefined => {
  if (!onPers(a) || a.caller.state === 'valid' || !who(a.caller, a)) return undefined;
  const detailed = a.query.get('detailed');
  const query = new URLSearchParams(detailed === null ? {} : { detailed });
  const anonymous = serve({ ...a, path: PATHS.models, query, caller: ANONYMOUS });
  return withHeaders(['cache-control', 'vary'], PERSONAL_CACHE)(anonymous);
};
/** The paid models and the first subscription model. */
const firstSubscriptionAlso = (visible: Parameters<typeof subscriptionModels>[0]) => {
  const first = subscriptionModels(visible)[0];
  return visible.filter((m) => !m.subscription || m === first);
};

export const VARIANT_BREAKS = {
  // --- variants (NG-VAR) ---
  'subscription-requires-key': { description: '/api/subscription/v1/models answers 401 without a valid key', rule: 'ngm.101', kills: ['NG-VAR-01'],
    answer: (a) => (onSub(a) && a.caller.state !== 'valid' ? unauthorized(LIST_CACHE) : undefined) },
  'paid-missing': { description: '/api/paid/v1/models answers 404', rule: 'ngm.104', kills: ['NG-VAR-02'],
    answer: (a) => (onPaid(a) ? notFound(a.path) : undefined) },
  'variants-ignore-detailed': { description: 'subscription and paid lists ignore detailed=true', rule: 'ngm.100', kills: ['NG-VAR-03'],
    read: (a) => void ((onSub(a) || onPaid(a)) && a.query.delete('detailed')) },
  'variants-overlap': { description: 'the paid list also includes the first subscription model', rule: 'ngm.103', kills: ['NG-VAR-04'],
    models: (ms, l) => (onPaid(l.asked) ? firstSubscriptionAlso(l.visible) : ms) },
  'paid-missing-model': { description: 'the paid list omits its last model', rule: 'ngm.93', kills: ['NG-VAR-05'],
    models: (ms, l) => (onPaid(l.asked) ? ms.slice(0, -1) : ms) },
  'subscription-keyed-adds-paid': { description: 'the subscription list with a valid key includes the paid models', rule: 'ngm.99', kills: ['NG-VAR-06'],
    models: (ms, l) => (onSub(l.asked) && l.asked.caller.state === 'valid' ? [...l.visible] : ms) },
  'created-string-subscription': { description: 'the subscription list carries created as a numeric string (canonical is right)', rule: 'ngm.101', kills: ['NG-VAR-01'],
    reply: (r, a) => (onSub(a) && r.status === 200 ? items((i) => void (i.created = String(i.created)))(r) : undefined) },
  'pricing-string-paid': { description: 'the detailed paid list carries pricing.prompt as a numeric string', rule: 'ngm.100', kills: ['NG-VAR-03'],
    reply: (r, a) => (onPaid(a) && r.status === 200 ? items((i) => {
      const pricing = i.pricing as { prompt: number } | undefined;
      if (pricing) i.pricing = { ...pricing, prompt: priceString(pricing.prompt) };
    })(r) : undefined) },
  'paid-overlap-detailed': { description: 'the detailed paid list also includes the first subscription model (basic lists are disjoint)', rule: 'ngm.100', kills: ['NG-VAR-03'],
    models: (ms, l) => (onPaid(l.asked) && l.detailed ? firstSubscriptionAlso(l.visible) : ms) },
  'subscription-includes-internal': { description: 'the subscription list includes the internal helper model the canonical list excludes', rule: 'ngm.93', kills: ['NG-VAR-05'],
    models: (ms, l) => (onSub(l.asked) ? [...ms, ...l.all.filter((m) => m.internal)] : ms) },
  'subscription-xapikey-adds-paid': { description: 'the subscription list with the valid key via x-api-key includes the paid models', rule: 'ngm.99', kills: ['NG-VAR-06'],
    models: (ms, l) => (onSub(l.asked) && l.asked.caller.state === 'valid' && l.asked.caller.via === 'x-api-key' ? [...l.visible] : ms) },
  // --- personalized (NG-PERS) ---
  'personalized-open': { description: 'personalized without a key answers 200 with the anonymous list', rule: 'ngp.14', kills: ['NG-PERS-01'],
    answer: opensTo((c) => c.state === 'none') },
  'personalized-accepts-invalid-bearer': { description: 'personalized with an invalid Bearer key answers 200 with the anonymous list', rule: 'ngp.14', kills: ['NG-PERS-02'],
    answer: opensTo((c) => c.via === 'bearer') },
  'personalized-accepts-invalid-xapikey': { description: 'personalized with an invalid x-api-key answers 200 with the anonymous list', rule: 'ngp.14', kills: ['NG-PERS-03'],
    answer: opensTo((c) => c.via === 'x-api-key') },
  'personalized-401-html': { description: 'personalized 401 bodies are text/html', rule: 'ngp.14', kills: ['NG-PERS-04'],
    reply: personalized401('text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>401 Unauthorized</h1></body></html>') },
  'personalized-xapikey-401': { description: 'personalized rejects the valid key via x-api-key with 401', rule: 'ngp.13', kills: ['NG-PERS-05'],
    answer: (a) => (onPers(a) && a.caller.state === 'valid' && a.caller.via === 'x-api-key' ? unauthorized(PERSONAL_CACHE) : undefined) },
  'personalized-ignores-detailed': { description: 'personalized ignores detailed=true', rule: 'ngp.10', kills: ['NG-PERS-06'],
    read: (a) => void (onPers(a) && a.query.delete('detailed')) },
  'personalized-cache-public': { description: 'personalized answers Cache-Control: public, max-age=300 and no Vary', rule: 'ngp.28', kills: ['NG-PERS-07', 'NG-PERS-09'],
    reply: personalizedCache({ 'cache-control': 'public, max-age=300' }) },
  'personalized-no-cache-headers': { description: 'personalized answers carry neither Cache-Control nor Vary (heuristically cacheable)', rule: 'ngp.28', kills: ['NG-PERS-09'],
    reply: personalizedCache({}) },
  'personalized-xapikey-cache-public': { description: 'personalized answers to x-api-key requests are Cache-Control: public, max-age=300', rule: 'ngp.28', kills: ['NG-PERS-07'],
    reply: personalizedCache({ 'cache-control': 'public, max-age=300' }, (a) => a.caller.via === 'x-api-key') },
  'personalized-vary-misses-xapikey': { description: 'personalized answers are Cache-Control: max-age=60 with Vary: Authorization only', rule: 'ngp.28', kills: ['NG-PERS-07'],
    // Safe for Authorization requests (RFC 9111 §3.5), not for x-api-key ones.
    reply: personalizedCache({ 'cache-control': 'max-age=60', vary: 'Authorization' }) },
  'personalized-s-maxage': { description: 'personalized answers are Cache-Control: s-maxage=60, max-age=0 (shared caches may store them)', rule: 'ngp.28', kills: ['NG-PERS-07'],
    reply: personalizedCache({ 'cache-control': 's-maxage=60, max-age=0', vary: 'Authorization, x-api-key' }) },
  'personalized-401-bare-error': { description: 'personalized 401 bodies are {"error":"Unauthorized"} (no documented envelope)', rule: 'ngp.14', kills: ['NG-PERS-04'],
    reply: personalizedReply((r) => r.status === 401, body((b) => void (b.error = 'Unauthorized'))) },
  'personalized-empty-bearer-open': { description: 'personalized answers 200 to "Authorization: Bearer" with no key (the anonymous list)', rule: 'ngp.14', kills: ['NG-PERS-10'],
    answer: opensTo((_c, a) => emptyBearer(a)) },
} as const satisfies Record<string, NanoBreak>;
