// Broken variants of one rule on one twin surface: the mistakes a server written from the same
// sentence makes when it implements the rule on the canonical list and forgets (or re-implements
// differently) a sibling: the paid list, a key header, a sort, a mode. Each entry says which
// request it spoils (`on`) and how; everything else the reference answers as usual.
import type { Reply } from '../serve.js';
import { callerOf, type Caller, type NanoBreak } from '../nanogpt-http.js';
import { body, createdMs, dropLast, duplicateFirst, items, reversed, textPlain, type Item } from './edit.js';

/** The request a surface break spoils: exact path, exact query (order aside), method and credential. */
export interface SurfaceMatch {
  method?: 'GET' | 'OPTIONS';
  path: string;
  query?: Readonly<Record<string, string>>;
  /** Who is calling; default: anyone. `via` narrows it to one key header. */
  caller?: 'none' | 'invalid' | 'valid';
  via?: 'bearer' | 'x-api-key';
}

interface SurfaceBreak {
  description: string;
  rule: string;
  kills: readonly string[];
  on: SurfaceMatch;
  spoil: (reply: Reply) => unknown;
}

const unauthorized = (r: Reply) => {
  r.status = 401;
  r.body = JSON.stringify({ error: { message: 'Invalid API key', type: 'authentication_error', param: null, code: 'invalid_api_key' } });
};
const toBasic = items((item) => {
  for (const k of Object.keys(item)) if (!['id', 'object', 'created', 'owned_by'].includes(k)) delete item[k];
});
const pricingOf = (item: Item) => item.pricing as Record<string, unknown> | undefined;

const M = '/api/v1/models';
const SUB = '/api/subscription/v1/models';
const PAID = '/api/paid/v1/models';
const PERS = '/api/personalized/v1/models';
const IMG = '/api/v1/image-models';
const EXP = '/api/explore/text-models';
const SEARCH = '/api/explore/search';
const D = { detailed: 'true' };
const Q = { type: 'text', q: 'qwen' };

const SURFACE_TABLE = {
  // --- NG-LIST-01 content type, on the twins ---
  'sub-content-type-text': { description: 'subscription list served as text/plain', rule: 'ngm.10', kills: ['NG-LIST-01'], on: { path: SUB }, spoil: textPlain },
  'paid-detailed-keyed-content-type-text': { description: 'paid detailed list with a valid Bearer key served as text/plain', rule: 'ngm.10', kills: ['NG-LIST-01'], on: { path: PAID, query: D, caller: 'valid' }, spoil: textPlain },
  'personalized-content-type-text': { description: 'personalized basic list served as text/plain', rule: 'ngm.10', kills: ['NG-LIST-01'], on: { path: PERS, caller: 'valid' }, spoil: textPlain },
  'mostused-content-type-text': { description: 'sort=mostused served as text/plain', rule: 'ngm.10', kills: ['NG-LIST-01'], on: { path: M, query: { sort: 'mostused' } }, spoil: textPlain },
  'invalid-xkey-content-type-text': { description: 'canonical list for an invalid x-api-key served as text/plain', rule: 'ngm.10', kills: ['NG-LIST-01'], on: { path: M, caller: 'invalid', via: 'x-api-key' }, spoil: textPlain },
  'detailed-content-type-text': { description: 'canonical detailed list served as text/plain', rule: 'ngm.10', kills: ['NG-LIST-01'], on: { path: M, query: D, caller: 'none' }, spoil: textPlain },
  // --- NG-LIST-02 list object ---
  'paid-object-not-list': { description: "paid list has top-level object 'models'", rule: 'ngm.11', kills: ['NG-LIST-02'], on: { path: PAID, caller: 'none' }, spoil: body((b) => void (b.object = 'models')) },
  'sub-detailed-no-object': { description: 'subscription detailed list has no top-level object', rule: 'ngm.11', kills: ['NG-LIST-02'], on: { path: SUB, query: D, caller: 'none' }, spoil: body((b) => void delete b.object) },
  'favorites-keyed-object-not-list': { description: "sort=favorites with a valid Bearer key has object 'favorites'", rule: 'ngm.11', kills: ['NG-LIST-02'], on: { path: M, query: { sort: 'favorites' }, caller: 'valid', via: 'bearer' }, spoil: body((b) => void (b.object = 'favorites')) },
  'personalized-xkey-object-not-list': { description: "personalized list through x-api-key has object 'models'", rule: 'ngm.11', kills: ['NG-LIST-02'], on: { path: PERS, caller: 'valid', via: 'x-api-key' }, spoil: body((b) => void (b.object = 'models')) },
  // --- NG-LIST-03 basic fields ---
  'sub-missing-owned-by': { description: 'subscription items lack owned_by', rule: 'ngm.60', kills: ['NG-LIST-03'], on: { path: SUB, caller: 'none' }, spoil: items((i) => void delete i.owned_by) },
  'paid-keyed-object-not-model': { description: "paid items for a valid Bearer key have object 'Model'", rule: 'ngm.60', kills: ['NG-LIST-03'], on: { path: PAID, caller: 'valid', via: 'bearer' }, spoil: items((i) => void (i.object = 'Model')) },
  'personalized-created-string': { description: 'personalized basic items carry created as a string', rule: 'ngm.60', kills: ['NG-LIST-03'], on: { path: PERS, caller: 'valid' }, spoil: items((i) => void (i.created = String(i.created))) },
  'valid-xkey-owned-by-null': { description: 'canonical items for a valid x-api-key have owned_by null', rule: 'ngm.60', kills: ['NG-LIST-03'], on: { path: M, caller: 'valid', via: 'x-api-key' }, spoil: items((i) => void (i.owned_by = null)) },
  'mostused-id-number': { description: 'sort=mostused gives the first model a numeric id', rule: 'ngm.60', kills: ['NG-LIST-03'], on: { path: M, query: { sort: 'mostused' } }, spoil: items((i) => void (i.id = 7), true) },
  'detailed-false-missing-owned-by': { description: 'detailed=false items lack owned_by', rule: 'ngm.60', kills: ['NG-LIST-03'], on: { path: M, query: { detailed: 'false' } }, spoil: items((i) => void delete i.owned_by) },
  // --- NG-LIST-04 created in seconds ---
  'sub-created-ms': { description: 'subscription list sends created in milliseconds', rule: 'ngm.61', kills: ['NG-LIST-04'], on: { path: SUB, caller: 'none' }, spoil: createdMs },
  'paid-keyed-created-ms': { description: 'paid list for a valid x-api-key sends created in milliseconds', rule: 'ngm.61', kills: ['NG-LIST-04'], on: { path: PAID, caller: 'valid', via: 'x-api-key' }, spoil: createdMs },
  'personalized-created-ms': { description: 'personalized basic list sends created in milliseconds', rule: 'ngm.61', kills: ['NG-LIST-04'], on: { path: PERS, caller: 'valid', via: 'bearer' }, spoil: createdMs },
  'favorites-keyed-created-ms': { description: 'sort=favorites with a valid x-api-key sends created in milliseconds', rule: 'ngm.61', kills: ['NG-LIST-04'], on: { path: M, query: { sort: 'favorites' }, caller: 'valid', via: 'x-api-key' }, spoil: createdMs },
  'invalid-bearer-created-ms': { description: 'canonical list for an invalid Bearer key sends created in milliseconds', rule: 'ngm.61', kills: ['NG-LIST-04'], on: { path: M, caller: 'invalid', via: 'bearer' }, spoil: createdMs },
  // --- NG-LIST-05 integer created ---
  'paid-created-float': { description: 'paid list sends a fractional created', rule: 'ngm.10', kills: ['NG-LIST-05'], on: { path: PAID, caller: 'none' }, spoil: items((i) => void (i.created = Number(i.created) + 0.5)) },
  'sub-detailed-created-float': { description: 'subscription detailed list sends a fractional created', rule: 'ngm.10', kills: ['NG-LIST-05'], on: { path: SUB, query: D, caller: 'none' }, spoil: items((i) => void (i.created = Number(i.created) + 0.25)) },
  // --- NG-LIST-06 unique ids ---
  'sub-duplicate-id': { description: 'subscription list repeats its first model', rule: 'ngm.59', kills: ['NG-LIST-06'], on: { path: SUB, caller: 'none' }, spoil: duplicateFirst },
  'paid-detailed-duplicate-id': { description: 'paid detailed list repeats its first model', rule: 'ngm.59', kills: ['NG-LIST-06'], on: { path: PAID, query: D, caller: 'none' }, spoil: duplicateFirst },
  'personalized-xkey-duplicate-id': { description: 'personalized list through x-api-key repeats its first model', rule: 'ngm.59', kills: ['NG-LIST-06'], on: { path: PERS, caller: 'valid', via: 'x-api-key' }, spoil: duplicateFirst },
  'bogus-sort-duplicate-id': { description: 'an unknown sort value repeats the first model', rule: 'ngm.59', kills: ['NG-LIST-06'], on: { path: M, query: { sort: 'conformance-not-a-sort' } }, spoil: duplicateFirst },
  'invalid-xkey-duplicate-id': { description: 'canonical list for an invalid x-api-key repeats its first model', rule: 'ngm.59', kills: ['NG-LIST-06'], on: { path: M, caller: 'invalid', via: 'x-api-key' }, spoil: duplicateFirst },
  // --- NG-LIST-07 basic mode has no pricing ---
  'sub-basic-has-pricing': { description: 'subscription basic items carry pricing', rule: 'ngm.56', kills: ['NG-LIST-07'], on: { path: SUB, caller: 'none' }, spoil: items((i) => void (i.pricing = { prompt: 1, completion: 2, currency: 'USD', unit: 'per_million_tokens' })) },
  'paid-keyed-basic-has-pricing': { description: 'paid basic items for a valid Bearer key carry the at-cost pricing', rule: 'ngm.56', kills: ['NG-LIST-07'], on: { path: PAID, caller: 'valid', via: 'bearer' }, spoil: items((i) => void (i.pricing = { prompt: 1, completion: 2, currency: 'USD', unit: 'per_million_tokens' })) },
  'personalized-basic-has-pricing': { description: 'personalized basic items carry pricing', rule: 'ngm.56', kills: ['NG-LIST-07'], on: { path: PERS, caller: 'valid' }, spoil: items((i) => void (i.pricing = { prompt: 1, completion: 2, currency: 'USD', unit: 'per_million_tokens' })) },
  'valid-bearer-basic-has-pricing': { description: 'canonical basic items for a valid Bearer key carry user-specific pricing', rule: 'ngm.56', kills: ['NG-LIST-07'], on: { path: M, caller: 'valid', via: 'bearer' }, spoil: items((i) => void (i.pricing = { prompt: 1, completion: 2, currency: 'USD', unit: 'per_million_tokens' })) },
  // --- NG-DET-01 basic fields in detailed mode ---
  'sub-detailed-drops-owned-by': { description: 'subscription detailed items lack owned_by', rule: 'ngm.58', kills: ['NG-DET-01'], on: { path: SUB, query: D, caller: 'none' }, spoil: items((i) => void delete i.owned_by) },
  'paid-detailed-keyed-drops-object': { description: 'paid detailed items for a valid Bearer key lack object', rule: 'ngm.58', kills: ['NG-DET-01'], on: { path: PAID, query: D, caller: 'valid' }, spoil: items((i) => void delete i.object) },
  'personalized-detailed-xkey-id-missing': { description: 'personalized detailed items through x-api-key lack id (name only)', rule: 'ngm.58', kills: ['NG-DET-01'], on: { path: PERS, query: D, caller: 'valid', via: 'x-api-key' }, spoil: items((i) => void delete i.id) },
  'detailed-favorites-drops-owned-by': { description: 'detailed=true&sort=favorites with a valid key drops owned_by', rule: 'ngm.58', kills: ['NG-DET-01'], on: { path: M, query: { ...D, sort: 'favorites' }, caller: 'valid' }, spoil: items((i) => void delete i.owned_by) },
  // --- NG-DET-02 detail appears ---
  'sub-detailed-keyed-ignored': { description: 'subscription detailed=true with a valid x-api-key answers the basic form', rule: 'ngm.16', kills: ['NG-DET-02'], on: { path: SUB, query: D, caller: 'valid', via: 'x-api-key' }, spoil: toBasic },
  'paid-detailed-keyed-ignored': { description: 'paid detailed=true with a valid Bearer key answers the basic form', rule: 'ngm.16', kills: ['NG-DET-02'], on: { path: PAID, query: D, caller: 'valid', via: 'bearer' }, spoil: toBasic },
  'detailed-favorites-ignored': { description: 'detailed=true&sort=favorites with a valid key answers the basic form', rule: 'ngm.16', kills: ['NG-DET-02'], on: { path: M, query: { ...D, sort: 'favorites' }, caller: 'valid' }, spoil: toBasic },
  'detailed-invalid-bearer-basic': { description: 'detailed=true with an invalid Bearer key answers the basic form (drops everything, not just user pricing)', rule: 'ngm.16', kills: ['NG-DET-02'], on: { path: M, query: D, caller: 'invalid', via: 'bearer' }, spoil: toBasic },
  'personalized-detailed-xkey-ignored': { description: 'personalized detailed=true through x-api-key answers the basic form', rule: 'ngm.16', kills: ['NG-DET-02'], on: { path: PERS, query: D, caller: 'valid', via: 'x-api-key' }, spoil: toBasic },
  // --- NG-DET-03 pricing ---
  'sub-detailed-pricing-per-1k': { description: "subscription detailed pricing.unit is 'per_thousand_tokens'", rule: 'ngm.76', kills: ['NG-DET-03'], on: { path: SUB, query: D, caller: 'none' }, spoil: items((i) => void (pricingOf(i) && (pricingOf(i)!.unit = 'per_thousand_tokens'))) },
  'paid-detailed-keyed-pricing-strings': { description: 'paid detailed at-cost pricing for a valid Bearer key is strings', rule: 'ngm.76', kills: ['NG-DET-03'], on: { path: PAID, query: D, caller: 'valid' }, spoil: items((i) => void (pricingOf(i) && (pricingOf(i)!.prompt = String(pricingOf(i)!.prompt)))) },
  'personalized-detailed-currency-lowercase': { description: "personalized detailed pricing.currency is 'usd'", rule: 'ngm.76', kills: ['NG-DET-03'], on: { path: PERS, query: D, caller: 'valid', via: 'bearer' }, spoil: items((i) => void (pricingOf(i) && (pricingOf(i)!.currency = 'usd'))) },
  'detailed-keyed-pricing-strings': { description: 'canonical detailed user-specific pricing (valid x-api-key) is strings', rule: 'ngm.76', kills: ['NG-DET-03'], on: { path: M, query: D, caller: 'valid', via: 'x-api-key' }, spoil: items((i) => void (pricingOf(i) && (pricingOf(i)!.completion = String(pricingOf(i)!.completion)))) },
  'detailed-mostused-pricing-missing-unit': { description: 'detailed=true&sort=mostused pricing lacks unit', rule: 'ngm.76', kills: ['NG-DET-03'], on: { path: M, query: { ...D, sort: 'mostused' } }, spoil: items((i) => void (pricingOf(i) && delete pricingOf(i)!.unit)) },
  // --- NG-DET-04..08 field types ---
  'sub-detailed-capabilities-string': { description: 'subscription detailed capability flags are strings', rule: 'ngm.44', kills: ['NG-DET-04'], on: { path: SUB, query: D, caller: 'none' }, spoil: items((i) => void (i.capabilities = Object.fromEntries(Object.entries(i.capabilities as Item).map(([k, v]) => [k, String(v)])))) },
  'personalized-detailed-capabilities-int': { description: 'personalized detailed capability flags are 0/1', rule: 'ngm.44', kills: ['NG-DET-04'], on: { path: PERS, query: D, caller: 'valid', via: 'x-api-key' }, spoil: items((i) => void (i.capabilities = Object.fromEntries(Object.entries(i.capabilities as Item).map(([k, v]) => [k, v ? 1 : 0])))) },
  'paid-detailed-context-length-string': { description: 'paid detailed context_length is a string', rule: 'ngm.65', kills: ['NG-DET-05'], on: { path: PAID, query: D, caller: 'none' }, spoil: items((i) => void (i.context_length = String(i.context_length))) },
  'detailed-bogus-sort-max-output-string': { description: 'detailed=true with an unknown sort gives max_output_tokens as strings', rule: 'ngm.65', kills: ['NG-DET-05'], on: { path: M, query: { ...D, sort: 'conformance-not-a-sort' } }, spoil: items((i) => void (i.max_output_tokens = String(i.max_output_tokens))) },
  'sub-detailed-name-number': { description: 'subscription detailed name is a number', rule: 'ngm.63', kills: ['NG-DET-06'], on: { path: SUB, query: D, caller: 'none' }, spoil: items((i) => void (i.name = 5), true) },
  'personalized-detailed-cost-estimate-number': { description: 'personalized detailed cost_estimate is a number', rule: 'ngm.70', kills: ['NG-DET-07'], on: { path: PERS, query: D, caller: 'valid', via: 'bearer' }, spoil: items((i) => void (i.cost_estimate = 2)) },
  'detailed-policy-missing-label': { description: 'canonical detailed distillationPolicy objects carry status only (no label, basis, note)', rule: 'ngm.77', kills: ['NG-DET-08'], on: { path: M, query: D, caller: 'none' }, spoil: items((i) => void (i.distillationPolicy && (i.distillationPolicy = { status: (i.distillationPolicy as Item).status }))) },
  'paid-detailed-policy-status-bool': { description: 'paid detailed distillationPolicy.status is a boolean', rule: 'ngm.77', kills: ['NG-DET-08'], on: { path: PAID, query: D, caller: 'none' }, spoil: items((i) => void (i.distillationPolicy && ((i.distillationPolicy as Item).status = true))) },
  'detailed-keyed-policy-missing-note': { description: 'canonical detailed distillationPolicy for a valid Bearer key lacks note', rule: 'ngm.77', kills: ['NG-DET-08'], on: { path: M, query: D, caller: 'valid', via: 'bearer' }, spoil: items((i) => void (i.distillationPolicy && delete (i.distillationPolicy as Item).note)) },
  // --- NG-DET-09 pricing on every detailed model ---
  'paid-detailed-pricing-missing': { description: 'paid detailed list: the last model has no pricing', rule: 'ngm.14', kills: ['NG-DET-09'], on: { path: PAID, query: D, caller: 'none' }, spoil: body((b) => void delete (b.data as Item[]).at(-1)!.pricing) },
  'sub-detailed-keyed-pricing-missing': { description: 'subscription detailed list for a valid x-api-key drops pricing (no user pricing found)', rule: 'ngm.14', kills: ['NG-DET-09'], on: { path: SUB, query: D, caller: 'valid' }, spoil: items((i) => void delete i.pricing) },
  // --- NG-DET-10 same models, same order, both modes ---
  'sub-detailed-order-differs': { description: 'subscription detailed list in reverse order', rule: 'ngm.113', kills: ['NG-DET-10'], on: { path: SUB, query: D, caller: 'none' }, spoil: reversed },
  'paid-detailed-keyed-order-differs': { description: 'paid detailed list for a valid Bearer key in reverse order', rule: 'ngm.113', kills: ['NG-DET-10'], on: { path: PAID, query: D, caller: 'valid' }, spoil: reversed },
  'detailed-keyed-order-differs': { description: 'canonical detailed list for a valid Bearer key in reverse order', rule: 'ngm.113', kills: ['NG-DET-10'], on: { path: M, query: D, caller: 'valid', via: 'bearer' }, spoil: reversed },
  // --- NG-DET-11 created in seconds, detailed ---
  'paid-detailed-created-ms': { description: 'paid detailed list sends created in milliseconds', rule: 'ngm.61', kills: ['NG-DET-11'], on: { path: PAID, query: D, caller: 'none' }, spoil: createdMs },
  'personalized-detailed-created-ms': { description: 'personalized detailed list sends created in milliseconds', rule: 'ngm.61', kills: ['NG-DET-11'], on: { path: PERS, query: D, caller: 'valid' }, spoil: createdMs },
  'detailed-favorites-created-ms': { description: 'detailed=true&sort=favorites sends created in milliseconds', rule: 'ngm.61', kills: ['NG-DET-11'], on: { path: M, query: { ...D, sort: 'favorites' }, caller: 'valid' }, spoil: createdMs },
  // --- NG-AUTH key handling on the variants ---
  'sub-invalid-bearer-401': { description: 'subscription list answers an invalid Bearer key with 401', rule: 'ngm.53', kills: ['NG-AUTH-01'], on: { path: SUB, caller: 'invalid', via: 'bearer' }, spoil: unauthorized },
  'paid-invalid-bearer-401': { description: 'paid list answers an invalid Bearer key with 401', rule: 'ngm.53', kills: ['NG-AUTH-01'], on: { path: PAID, caller: 'invalid', via: 'bearer' }, spoil: unauthorized },
  'sub-invalid-xkey-401': { description: 'subscription list answers an invalid x-api-key with 401', rule: 'ngm.53', kills: ['NG-AUTH-02'], on: { path: SUB, caller: 'invalid', via: 'x-api-key' }, spoil: unauthorized },
  'paid-invalid-xkey-401': { description: 'paid list answers an invalid x-api-key with 401', rule: 'ngm.53', kills: ['NG-AUTH-02'], on: { path: PAID, caller: 'invalid', via: 'x-api-key' }, spoil: unauthorized },
  'paid-invalid-xkey-hides-model': { description: 'paid list for an invalid x-api-key leaves out its last model', rule: 'ngm.110', kills: ['NG-AUTH-03'], on: { path: PAID, caller: 'invalid', via: 'x-api-key' }, spoil: dropLast },
  'sub-invalid-bearer-hides-model': { description: 'subscription list for an invalid Bearer key leaves out its last model', rule: 'ngm.110', kills: ['NG-AUTH-03'], on: { path: SUB, caller: 'invalid', via: 'bearer' }, spoil: dropLast },
  'paid-valid-bearer-rejected': { description: 'paid list answers a valid Bearer key with 401', rule: 'ngm.51', kills: ['NG-AUTH-04'], on: { path: PAID, caller: 'valid', via: 'bearer' }, spoil: unauthorized },
  'sub-valid-xkey-rejected': { description: 'subscription list answers a valid x-api-key with 401', rule: 'ngm.52', kills: ['NG-AUTH-05'], on: { path: SUB, caller: 'valid', via: 'x-api-key' }, spoil: unauthorized },
  'paid-xkey-order-differs': { description: 'paid list through x-api-key in reverse order (Bearer in the normal one)', rule: 'ngm.52', kills: ['NG-AUTH-06'], on: { path: PAID, caller: 'valid', via: 'x-api-key' }, spoil: reversed },
  // --- NG-CORS on the other two text-model endpoints ---
  'sub-no-cors': { description: 'subscription list carries no Access-Control-Allow-Origin', rule: 'ngm.111', kills: ['NG-CORS-01'], on: { path: SUB }, spoil: (r) => void delete r.headers['access-control-allow-origin'] },
  'paid-cors-other-origin': { description: 'paid list allows only https://nano-gpt.com', rule: 'ngm.111', kills: ['NG-CORS-01'], on: { path: PAID }, spoil: (r) => void (r.headers['access-control-allow-origin'] = 'https://nano-gpt.com') },
  'paid-preflight-no-xapikey': { description: 'paid list preflight omits x-api-key from Access-Control-Allow-Headers', rule: 'ngm.111', kills: ['NG-CORS-02'], on: { method: 'OPTIONS', path: PAID }, spoil: (r) => void (r.headers['access-control-allow-headers'] = 'Authorization, Content-Type') },
  'sub-preflight-405': { description: 'subscription list answers OPTIONS with 405', rule: 'ngm.111', kills: ['NG-CORS-02'], on: { method: 'OPTIONS', path: SUB }, spoil: (r) => void (r.status = 405) },
  // --- NG-VAR-03 ---
  'sub-detailed-keyed-adds-paid': { description: 'subscription detailed list for a valid x-api-key also lists a paid model', rule: 'ngm.100', kills: ['NG-VAR-03'], on: { path: SUB, query: D, caller: 'valid' }, spoil: body((b) => void (b.data as Item[]).push({ ...(b.data as Item[])[0], id: 'openai/gpt-5.2-pro' })) },
  // --- NG-PERS-07/09 caching of the detailed personalized answer ---
  'personalized-detailed-cache-public': { description: 'personalized detailed answers are Cache-Control: public, max-age=300', rule: 'ngp.28', kills: ['NG-PERS-07', 'NG-PERS-09'], on: { path: PERS, query: D, caller: 'valid' }, spoil: (r) => void (r.headers['cache-control'] = 'public, max-age=300') },
  // --- NG-IMG on both modes ---
  'image-basic-content-type-text': { description: 'image models detailed=false served as text/plain', rule: 'ngi.06', kills: ['NG-IMG-01'], on: { path: IMG, query: { detailed: 'false' } }, spoil: textPlain },
  'image-basic-object-not-list': { description: "image models detailed=false has top-level object 'models'", rule: 'ngi.06', kills: ['NG-IMG-01'], on: { path: IMG, query: { detailed: 'false' } }, spoil: body((b) => void (b.object = 'models')) },
  'image-explicit-detailed-basic': { description: 'image models detailed=true (valid key) answers the basic form', rule: 'ngi.10', kills: ['NG-IMG-02'], on: { path: IMG, query: D }, spoil: items((i) => void Object.keys(i).forEach((k) => k !== 'id' && k !== 'object' && delete i[k])) },
  'image-explicit-detailed-capability-string': { description: 'image models detailed=true: a capability flag is a string', rule: 'ngi.23', kills: ['NG-IMG-03'], on: { path: IMG, query: D }, spoil: items((i) => void ((i.capabilities as Item).inpainting = 'no'), true) },
  'image-missing-supported-parameters': { description: 'image models (default mode) lack supported_parameters', rule: 'ngi.23', kills: ['NG-IMG-03'], on: { path: IMG }, spoil: items((i) => void delete i.supported_parameters) },
  'image-explicit-detailed-meta-missing': { description: 'image models detailed=true has no meta', rule: 'ngi.16', kills: ['NG-IMG-04'], on: { path: IMG, query: D }, spoil: body((b) => void delete b.meta) },
  'image-xkey-unauthorized': { description: 'image models refuse a valid key sent as x-api-key (the server reads only Authorization)', rule: 'ngi.06', kills: ['NG-IMG-01'], on: { path: IMG, caller: 'valid', via: 'x-api-key' }, spoil: unauthorized },
  'image-no-store': { description: 'image models answer Cache-Control: no-store, though the page calls them cacheable', rule: 'ngi.04', kills: ['NG-IMG-09'], on: { path: IMG }, spoil: (r) => void (r.headers['cache-control'] = 'no-store') },
  'image-basic-count-wrong': { description: 'image models detailed=false meta.count counts one model too many', rule: 'ngi.16', kills: ['NG-IMG-05'], on: { path: IMG, query: { detailed: 'false' } }, spoil: body((b) => void ((b.meta as Item).count = (b.data as Item[]).length + 1)) },
  // --- NG-EXP on the search endpoint ---
  'search-content-type-text': { description: 'explore search (no filter) served as text/plain', rule: 'ngm.83', kills: ['NG-EXP-01'], on: { path: SEARCH, query: Q }, spoil: textPlain },
  'search-meta-missing': { description: 'explore search without the filter has no meta.distillation', rule: 'ngm.83', kills: ['NG-EXP-01'], on: { path: SEARCH, query: Q }, spoil: body((b) => void delete b.meta) },
  'search-meta-all-when-filtered': { description: "explore search with distillation=allowed reports meta.distillation 'all'", rule: 'ngm.83', kills: ['NG-EXP-02'], on: { path: SEARCH, query: { ...Q, distillation: 'allowed' } }, spoil: body((b) => void (b.meta = { distillation: 'all' })) },
  'search-filter-adds': { description: 'explore search with distillation=allowed also returns a model the unfiltered search does not', rule: 'ngm.82', kills: ['NG-EXP-04'], on: { path: SEARCH, query: { ...Q, distillation: 'allowed' } }, spoil: body((b) => void (b.data as Item[]).push({ id: 'qwen/not-in-search', distillationPolicy: { status: 'allowed', label: 'l', basis: 'b', note: 'n' } })) },
  'explore-policy-missing-note': { description: 'explore text-models distillationPolicy objects lack note', rule: 'ngm.83', kills: ['NG-EXP-01'], on: { path: EXP }, spoil: items((i) => void (i.distillationPolicy && delete (i.distillationPolicy as Item).note)) },
  'search-filtered-content-type-text': { description: 'explore search with the filter served as text/plain', rule: 'ngm.83', kills: ['NG-EXP-02'], on: { path: SEARCH, query: { ...Q, distillation: 'allowed' } }, spoil: textPlain },
} as const satisfies Record<string, SurfaceBreak>;

/** Whether `m` names this request: method, path, exact query (order aside; preflights: any), caller. */
export function matchesSurface(m: SurfaceMatch, method: string, url: URL, caller: Caller): boolean {
  if ((m.method ?? 'GET') !== method || m.path !== url.pathname) return false;
  if (m.method !== 'OPTIONS') {
    const want = Object.entries(m.query ?? {}).map(([k, v]) => `${k}=${v}`).sort().join('&');
    const got = [...url.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort().join('&');
    if (want !== got) return false;
  }
  if (m.caller !== undefined && m.caller !== caller.state) return false;
  return m.via === undefined || m.via === caller.via;
}

/** Each entry as a `reply` hook: it spoils a successful answer to the one request it names, as sent. */
export const SURFACE_BREAKS = Object.fromEntries(
  Object.entries(SURFACE_TABLE).map(([name, { on, spoil, ...declared }]): [string, NanoBreak] => [name, {
    ...declared,
    reply: (r, a) => void (r.status < 300 && matchesSurface(on, a.method, a.url, callerOf(a.sent)) && spoil(r)),
  }]),
) as { readonly [K in keyof typeof SURFACE_TABLE]: NanoBreak };
