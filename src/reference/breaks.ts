// Deliberately broken behaviours of the reference server. Each break changes exactly one
// documented rule; `kills` lists the check ids that must fail against a server running it.
// Unless a description says otherwise, a break touches only the canonical GET /api/v1/models.
// SURFACE_BREAKS (surface-breaks.ts) adds one rule broken on one twin surface each.
import { SURFACE_BREAKS } from './surface-breaks.js';

const CORE_BREAKS = {
  // --- list (NG-LIST) ---
  'content-type-text': {
    description: 'canonical list served as text/plain (body unchanged)',
    kills: ['NG-LIST-01'],
  },
  'invalid-json': {
    description: 'canonical list body is truncated JSON',
    kills: ['NG-LIST-01'],
  },
  'object-not-list': {
    description: "canonical list has top-level object 'models'",
    kills: ['NG-LIST-02'],
  },
  'object-not-model': {
    description: "canonical basic items have object 'Model'",
    kills: ['NG-LIST-03'],
  },
  'missing-owned-by': {
    description: 'canonical basic items lack owned_by',
    kills: ['NG-LIST-03'],
  },
  'created-string': {
    description: 'canonical items carry created as a numeric string',
    kills: ['NG-LIST-03'],
  },
  'created-ms': {
    description: 'created sent in milliseconds on every list endpoint (text and image)',
    kills: ['NG-LIST-04'],
  },
  'created-float': {
    description: 'canonical items carry a fractional created (seconds + 0.5)',
    kills: ['NG-LIST-05'],
  },
  'duplicate-id': {
    description: 'canonical list repeats its first model at the end',
    kills: ['NG-LIST-06'],
  },
  'basic-has-pricing': {
    description: 'canonical basic items carry pricing',
    kills: ['NG-LIST-07'],
  },
  'detailed-false-is-detailed': {
    description: 'on text lists any detailed parameter (even detailed=false) turns detail on',
    kills: ['NG-LIST-08'],
  },
  'owned-by-null': {
    description: 'canonical basic items carry owned_by: null',
    kills: ['NG-LIST-03'],
  },
  // --- detailed (NG-DET) ---
  'detailed-drops-owned-by': {
    description: 'canonical detailed items lack owned_by',
    kills: ['NG-DET-01'],
  },
  'detailed-ignored': {
    description: 'detailed=true answers the basic form on every text list',
    kills: ['NG-DET-02'],
  },
  'pricing-strings': {
    description: 'canonical detailed pricing.prompt/completion are strings ("2.50")',
    kills: ['NG-DET-03'],
  },
  'pricing-unit-per-1k': {
    description: "canonical detailed pricing.unit is 'per_thousand_tokens'",
    kills: ['NG-DET-03'],
  },
  'capabilities-string': {
    description: 'one canonical detailed item has a capability flag "true" (string)',
    kills: ['NG-DET-04'],
  },
  'context-length-string': {
    description: 'canonical detailed context_length values are strings ("128000")',
    kills: ['NG-DET-05'],
  },
  'name-number': {
    description: 'one canonical detailed item has a numeric name',
    kills: ['NG-DET-06'],
  },
  'cost-estimate-number': {
    description: 'one canonical detailed item has cost_estimate 3',
    kills: ['NG-DET-07'],
  },
  'distillation-status-bool': {
    description: 'canonical detailed distillationPolicy.status is a boolean',
    kills: ['NG-DET-08'],
  },
  'pricing-missing-some': {
    description: 'the last canonical detailed item has no pricing',
    kills: ['NG-DET-09'],
  },
  'detailed-order-differs': {
    description: 'unsorted canonical detailed list comes in reverse order',
    kills: ['NG-DET-10'],
  },
  'created-ms-detailed': {
    description: 'canonical detailed items carry created in milliseconds (basic mode is right)',
    kills: ['NG-DET-11'],
  },
  'pricing-currency-lowercase': {
    description: "canonical detailed pricing.currency is 'usd'",
    kills: ['NG-DET-03'],
  },
  'capabilities-int': {
    description: 'canonical detailed capability flags are 1/0 instead of true/false',
    kills: ['NG-DET-04'],
  },
  'context-length-null-string': {
    description: 'canonical detailed context_length is the string "null" where unknown',
    kills: ['NG-DET-05'],
  },
  'duplicate-id-detailed': {
    description: 'the canonical detailed list repeats its second model (a provider join), basic mode is right',
    kills: ['NG-DET-10'],
  },
  // --- sort (NG-SORT) ---
  'mostused-drops-model': {
    description: 'sort=mostused omits the last model',
    kills: ['NG-SORT-01'],
  },
  'mostused-requires-key': {
    description: 'sort=mostused without a valid key answers 401',
    kills: ['NG-SORT-02'],
  },
  'favorites-anon-reordered': {
    description: 'sort=favorites without a valid key uses the mostused order',
    kills: ['NG-SORT-03', 'NG-SORT-04'],
  },
  'favorites-invalid-key-401': {
    description: 'sort=favorites with an invalid key answers 401 (no key still falls back)',
    kills: ['NG-SORT-04'],
  },
  'favorites-adds-model': {
    description: "sort=favorites with a valid key adds a recently used paid model the key's list hides",
    kills: ['NG-SORT-05'],
  },
  'invalid-sort-400': {
    description: 'unknown sort values answer 400 (OpenAI envelope)',
    kills: ['NG-SORT-06'],
  },
  'invalid-sort-reorders': {
    description: 'unknown sort values reverse the list',
    kills: ['NG-SORT-06'],
  },
  'sort-drops-detailed': {
    description: 'sort=favorites/mostused answers basic items even with detailed=true',
    kills: ['NG-SORT-07'],
  },
  'mostused-hides-unranked': {
    description: 'sort=mostused leaves out the unranked (never used) models',
    kills: ['NG-SORT-01'],
  },
  'mostused-detailed-hides-unranked': {
    description: 'detailed=true&sort=mostused leaves out the unranked models (basic sort is right)',
    kills: ['NG-SORT-07'],
  },
  'favorites-invalid-xapikey-reordered': {
    description: 'sort=favorites with an invalid x-api-key uses the mostused order (invalid Bearer falls back)',
    kills: ['NG-SORT-04'],
  },
  'favorites-xapikey-unsorted': {
    description: 'sort=favorites with the valid key via x-api-key is not personalized (Bearer is)',
    kills: ['NG-SORT-09'],
  },
  'invalid-sort-drops-detailed': {
    description: 'an unknown sort value with detailed=true answers the basic form',
    kills: ['NG-SORT-10'],
  },
  // --- auth (NG-AUTH) ---
  'invalid-bearer-401': {
    description: 'invalid key via Authorization: Bearer answers 401',
    kills: ['NG-AUTH-01'],
  },
  'invalid-xapikey-401': {
    description: 'invalid key via x-api-key answers 401',
    kills: ['NG-AUTH-02'],
  },
  'invalid-key-hides-models': {
    description: 'an invalid key gets the list without the paid models',
    kills: ['NG-AUTH-03'],
  },
  'valid-bearer-rejected': {
    description: 'the valid key via Authorization: Bearer answers 401',
    kills: ['NG-AUTH-04'],
  },
  'valid-xapikey-rejected': {
    description: 'the valid key via x-api-key answers 401',
    kills: ['NG-AUTH-05'],
  },
  'xapikey-ignored': {
    description: 'x-api-key is ignored on every public endpoint (personalized still accepts it)',
    kills: ['NG-AUTH-06'],
  },
  // --- variants (NG-VAR) ---
  'subscription-requires-key': {
    description: '/api/subscription/v1/models answers 401 without a valid key',
    kills: ['NG-VAR-01'],
  },
  'paid-missing': {
    description: '/api/paid/v1/models answers 404',
    kills: ['NG-VAR-02'],
  },
  'variants-ignore-detailed': {
    description: 'subscription and paid lists ignore detailed=true',
    kills: ['NG-VAR-03'],
  },
  'variants-overlap': {
    description: 'the paid list also includes the first subscription model',
    kills: ['NG-VAR-04'],
  },
  'paid-missing-model': {
    description: 'the paid list omits its last model',
    kills: ['NG-VAR-05'],
  },
  'subscription-keyed-adds-paid': {
    description: 'the subscription list with a valid key includes the paid models',
    kills: ['NG-VAR-06'],
  },
  'created-string-subscription': {
    description: 'the subscription list carries created as a numeric string (canonical is right)',
    kills: ['NG-VAR-01'],
  },
  'pricing-string-paid': {
    description: 'the detailed paid list carries pricing.prompt as a numeric string',
    kills: ['NG-VAR-03'],
  },
  'paid-overlap-detailed': {
    description: 'the detailed paid list also includes the first subscription model (basic lists are disjoint)',
    kills: ['NG-VAR-03'],
  },
  'subscription-includes-internal': {
    description: 'the subscription list includes the internal helper model the canonical list excludes',
    kills: ['NG-VAR-05'],
  },
  'subscription-xapikey-adds-paid': {
    description: 'the subscription list with the valid key via x-api-key includes the paid models',
    kills: ['NG-VAR-06'],
  },
  // --- personalized (NG-PERS) ---
  'personalized-open': {
    description: 'personalized without a key answers 200 with the anonymous list',
    kills: ['NG-PERS-01'],
  },
  'personalized-accepts-invalid-bearer': {
    description: 'personalized with an invalid Bearer key answers 200 with the anonymous list',
    kills: ['NG-PERS-02'],
  },
  'personalized-accepts-invalid-xapikey': {
    description: 'personalized with an invalid x-api-key answers 200 with the anonymous list',
    kills: ['NG-PERS-03'],
  },
  'personalized-401-html': {
    description: 'personalized 401 bodies are text/html',
    kills: ['NG-PERS-04'],
  },
  'personalized-xapikey-401': {
    description: 'personalized rejects the valid key via x-api-key with 401',
    kills: ['NG-PERS-05'],
  },
  'personalized-ignores-detailed': {
    description: 'personalized ignores detailed=true',
    kills: ['NG-PERS-06'],
  },
  'personalized-cache-public': {
    description: 'personalized answers Cache-Control: public, max-age=300 and no Vary',
    kills: ['NG-PERS-07', 'NG-PERS-09'],
  },
  'personalized-no-cache-headers': {
    description: 'personalized answers carry neither Cache-Control nor Vary (heuristically cacheable)',
    kills: ['NG-PERS-09'],
  },
  'personalized-xapikey-cache-public': {
    description: 'personalized answers to x-api-key requests are Cache-Control: public, max-age=300',
    kills: ['NG-PERS-07'],
  },
  'personalized-vary-misses-xapikey': {
    description: 'personalized answers are Cache-Control: max-age=60 with Vary: Authorization only',
    kills: ['NG-PERS-07'],
  },
  'personalized-s-maxage': {
    description: 'personalized answers are Cache-Control: s-maxage=60, max-age=0 (shared caches may store them)',
    kills: ['NG-PERS-07'],
  },
  'personalized-401-bare-error': {
    description: 'personalized 401 bodies are {"error":"Unauthorized"} (no documented envelope)',
    kills: ['NG-PERS-04'],
  },
  'personalized-empty-bearer-open': {
    description: 'personalized answers 200 to "Authorization: Bearer" with no key (the anonymous list)',
    kills: ['NG-PERS-10'],
  },
  // --- image (NG-IMG) ---
  'image-models-missing': {
    description: '/api/v1/image-models answers 404',
    kills: ['NG-IMG-01'],
  },
  'image-default-basic': {
    description: 'image models without the detailed parameter answer the basic form',
    kills: ['NG-IMG-02'],
  },
  'image-capabilities-string': {
    description: 'one detailed image item has capabilities.image_generation "true" (string)',
    kills: ['NG-IMG-03'],
  },
  'image-generated-at-epoch': {
    description: 'image meta.generated_at is an epoch number (seconds)',
    kills: ['NG-IMG-04'],
  },
  'image-count-wrong': {
    description: 'image meta.count is the number of items + 1',
    kills: ['NG-IMG-05'],
  },
  'image-detailed-false-500': {
    description: 'image models with detailed=false answer 500',
    kills: ['NG-IMG-06'],
  },
  'image-basic-drops-model': {
    description: 'image models with detailed=false omit the last model',
    kills: ['NG-IMG-08'],
  },
  'image-count-string': {
    description: 'image meta.count is a numeric string',
    kills: ['NG-IMG-04'],
  },
  'image-generated-at-no-tz': {
    description: 'image meta.generated_at has no time zone (2026-05-07T12:00:00.000)',
    kills: ['NG-IMG-04'],
  },
  'image-basic-object-wrong': {
    description: "image models with detailed=false have object 'image_model'",
    kills: ['NG-IMG-06'],
  },
  // --- explore (NG-EXP) ---
  'explore-meta-missing': {
    description: 'explore without the filter has no meta.distillation',
    kills: ['NG-EXP-01'],
  },
  'explore-meta-all-when-filtered': {
    description: "explore with distillation=allowed reports meta.distillation 'all'",
    kills: ['NG-EXP-02'],
  },
  'explore-filter-ignored': {
    description: "explore with distillation=allowed returns every model (meta still 'allowed')",
    kills: ['NG-EXP-03'],
  },
  'search-filter-ignored': {
    description: 'explore search (type=text&q=qwen) ignores distillation=allowed: the unknown-status qwen model stays',
    kills: ['NG-EXP-03'],
  },
  'explore-filter-adds': {
    description: 'explore with distillation=allowed also returns the internal helper model (allowed, never listed)',
    kills: ['NG-EXP-04'],
  },
  'explore-filter-keeps-unknown': {
    description: "explore with distillation=allowed also returns one model whose status is 'unknown'",
    kills: ['NG-EXP-03'],
  },
  // --- rate limit, CORS ---
  'rate-limit-body-html': {
    description: 'the first request gets 429 (Retry-After: 0) with a text/html body; later ones are normal',
    kills: ['NG-RATE-01'],
  },
  'rate-limit-body-bare-error': {
    description: 'the first request gets 429 (Retry-After: 0) with {"error":"Rate limit exceeded"}',
    kills: ['NG-RATE-01'],
  },
  'no-cors': {
    description: 'GET responses carry no Access-Control-Allow-Origin',
    kills: ['NG-CORS-01'],
  },
  'preflight-no-xapikey': {
    description: 'preflight Access-Control-Allow-Headers omits x-api-key',
    kills: ['NG-CORS-02'],
  },
  'preflight-allow-headers-star': {
    description: 'preflight Access-Control-Allow-Headers is "*" (does not cover Authorization)',
    kills: ['NG-CORS-02'],
  },
  'preflight-405': {
    description: 'OPTIONS answers 405 (no preflight support)',
    kills: ['NG-CORS-02'],
  },
} as const satisfies Record<string, { description: string; kills: readonly string[] }>;

export const BREAKS = { ...CORE_BREAKS, ...SURFACE_BREAKS };

export type BreakName = keyof typeof BREAKS;

export const BREAK_NAMES = Object.keys(BREAKS) as BreakName[];

export function isBreakName(name: string): name is BreakName {
  return Object.prototype.hasOwnProperty.call(BREAKS, name);
}
