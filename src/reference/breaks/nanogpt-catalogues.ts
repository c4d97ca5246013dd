// Broken NanoGPT image models (NG-IMG), explore endpoints (NG-EXP), rate limiting (NG-RATE) and
// CORS (NG-CORS).
import type { Reply } from '../serve.js';
import { isDistillationAllowed } from '../data.js';
import { ERROR_CACHE, PATHS, methodNotAllowed, notFound, serverError, textReply, type NanoAsked, type NanoBreak } from '../nanogpt-http.js';
import { body, items, type Item, type Json } from './edit.js';

const onImages = (a: NanoAsked) => a.method === 'GET' && a.path === PATHS.images;
const basicImages = (a: NanoAsked) => onImages(a) && a.query.get('detailed') === 'false';
const onExplore = (a: NanoAsked) => a.method === 'GET' && (a.path === PATHS.explore || a.path === PATHS.search);
const filtered = (a: NanoAsked) => onExplore(a) && a.query.get('distillation') === 'allowed';
/** The 200 answer of requests `when` picks, rewritten. */
const answered = (when: (a: NanoAsked) => boolean, edit: (r: Reply) => Reply) => (r: Reply, a: NanoAsked): Reply | void =>
  r.status === 200 && when(a) ? edit(r) : undefined;
const meta = (edit: (m: Json, b: Json) => void) => body((b) => edit(b.meta as Json, b));
/** A preflight answer with another Access-Control-Allow-Headers. */
const allowHeaders = (value: string) => (r: Reply, a: NanoAsked): Reply | void => {
  if (a.method === 'OPTIONS' && r.status === 204) r.headers['access-control-allow-headers'] = value;
};
/** The 429 the server answers, with another body. */
const rateLimitedAs = (edit: (r: Reply) => Reply) => (r: Reply): Reply | void => (r.status === 429 ? edit(r) : undefined);

export const CATALOGUE_BREAKS = {
  // --- image (NG-IMG) ---
  'image-models-missing': { description: '/api/v1/image-models answers 404', rule: 'ngi.06', kills: ['NG-IMG-01'],
    answer: (a) => (onImages(a) ? notFound(a.path) : undefined) },
  'image-default-basic': { description: 'image models without the detailed parameter answer the basic form', rule: 'ngi.10', kills: ['NG-IMG-02'],
    read: (a) => void (onImages(a) && !a.query.has('detailed') && a.query.set('detailed', 'false')) },
  'image-capabilities-string': { description: 'one detailed image item has capabilities.image_generation "true" (string)', rule: 'ngi.23', kills: ['NG-IMG-03'],
    reply: answered((a) => onImages(a) && !basicImages(a), items((i) => {
      const caps = i.capabilities as Item;
      caps.image_generation = String(caps.image_generation);
    }, true)) },
  'image-generated-at-epoch': { description: 'image meta.generated_at is an epoch number (seconds)', rule: 'ngi.16', kills: ['NG-IMG-04'],
    reply: answered(onImages, meta((m) => void (m.generated_at = Math.floor(Date.now() / 1000)))) },
  'image-count-wrong': { description: 'image meta.count is the number of items + 1', rule: 'ngi.16', kills: ['NG-IMG-05'],
    reply: answered(onImages, meta((m) => void (m.count = (m.count as number) + 1))) },
  'image-detailed-false-500': { description: 'image models with detailed=false answer 500', rule: 'ngi.25', kills: ['NG-IMG-06'],
    answer: (a) => (basicImages(a) ? serverError('Internal server error') : undefined) },
  'image-basic-drops-model': { description: 'image models with detailed=false omit the last model', rule: 'ngi.25', kills: ['NG-IMG-08'],
    reply: answered(basicImages, meta((m, b) => {
      (b.data as Item[]).pop();
      m.count = (b.data as Item[]).length;
    })) },
  'image-count-string': { description: 'image meta.count is a numeric string', rule: 'ngi.16', kills: ['NG-IMG-04'],
    reply: answered(onImages, meta((m) => void (m.count = String(m.count)))) },
  'image-generated-at-no-tz': { description: 'image meta.generated_at has no time zone (2026-05-07T12:00:00.000)', rule: 'ngi.16', kills: ['NG-IMG-04'],
    reply: answered(onImages, meta((m) => void (m.generated_at = (m.generated_at as string).replace(/Z$/, '')))) },
  'image-basic-object-wrong': { description: "image models with detailed=false have object 'image_model'", rule: 'ngi.25', kills: ['NG-IMG-06'],
    reply: answered(basicImages, items((i) => void (i.object = 'image_model'))) },
  // --- explore (NG-EXP) ---
  'explore-meta-missing': { description: 'explore without the filter has no meta.distillation', rule: 'ngm.83', kills: ['NG-EXP-01'],
    reply: answered((a) => onExplore(a) && !filtered(a), body((b) => void (b.meta = {}))) },
  'explore-meta-all-when-filtered': { description: "explore with distillation=allowed reports meta.distillation 'all'", rule: 'ngm.83', kills: ['NG-EXP-02'],
    reply: answered(filtered, body((b) => void (b.meta = { distillation: 'all' }))) },
  'explore-filter-ignored': { description: "explore with distillation=allowed returns every model (meta still 'allowed')", rule: 'ngm.79', kills: ['NG-EXP-03'],
    models: (ms, l) => (filtered(l.asked) ? [...l.visible] : ms) },
  'search-filter-ignored': { description: 'explore search (type=text&q=qwen) ignores distillation=allowed: the unknown-status qwen model stays', rule: 'ngm.81', kills: ['NG-EXP-03'],
    models: (ms, l) => (filtered(l.asked) && l.asked.path === PATHS.search ? [...l.visible] : ms) },
  'explore-filter-adds': { description: 'explore with distillation=allowed also returns the internal helper model (allowed, never listed)', rule: 'ngm.82', kills: ['NG-EXP-04'],
    models: (ms, l) => (filtered(l.asked) ? l.all.filter(isDistillationAllowed) : ms) },
  'explore-filter-keeps-unknown': { description: "explore with distillation=allowed also returns one model whose status is 'unknown'", rule: 'ngm.79', kills: ['NG-EXP-03'],
    models: (ms, l) => {
      if (!filtered(l.asked)) return ms;
      const keep = l.visible.find((m) => m.distillationPolicy?.status === 'unknown');
      return l.visible.filter((m) => isDistillationAllowed(m) || m === keep);
    } },
  // --- rate limit, CORS ---
  'rate-limit-body-html': { description: 'the first request gets 429 (Retry-After: 0) with a text/html body; later ones are normal', rule: 'ngm.112', kills: ['NG-RATE-01'],
    rateLimitFirst: 1,
    reply: rateLimitedAs(() => textReply(429, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>429 Too Many Requests</h1></body></html>', { ...ERROR_CACHE, 'retry-after': '0' })) },
  'rate-limit-body-bare-error': { description: 'the first request gets 429 (Retry-After: 0) with {"error":"Rate limit exceeded"}', rule: 'ngm.112', kills: ['NG-RATE-01'],
    rateLimitFirst: 1,
    reply: rateLimitedAs((r) => ({ ...r, body: JSON.stringify({ error: 'Rate limit exceeded' }) })) },
  'no-cors': { description: 'GET responses carry no Access-Control-Allow-Origin', rule: 'ngm.111', kills: ['NG-CORS-01'],
    reply: (r, a) => void (a.method === 'GET' && delete r.headers['access-control-allow-origin']) },
  'preflight-no-xapikey': { description: 'preflight Access-Control-Allow-Headers omits x-api-key', rule: 'ngm.111', kills: ['NG-CORS-02'],
    reply: allowHeaders('Authorization, Content-Type') },
  'preflight-allow-headers-star': { description: 'preflight Access-Control-Allow-Headers is "*" (does not cover Authorization)', rule: 'ngm.111', kills: ['NG-CORS-02'],
    reply: allowHeaders('*') },
  'preflight-405': { description: 'OPTIONS answers 405 (no preflight support)', rule: 'ngm.111', kills: ['NG-CORS-02'],
    reply: (r, a) => (a.method === 'OPTIONS' ? methodNotAllowed(a.method) : undefined) },
} as const satisfies Record<string, NanoBreak>;
