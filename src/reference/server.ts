// Embedded NanoGPT reference server: plain node:http, loopback only, deterministic data.
// It implements every documented rule of the model-listing endpoints; `breaks` switch on
// deliberately wrong behaviours (see breaks.ts), each applied at the one point it affects.

import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { isBreakName, type BreakName } from './breaks.js';
import { matchesSurface, SURFACE_BREAKS } from './surface-breaks.js';
import { listenOn } from './loopback.js';
import {
  IMAGE_MODELS,
  TEXT_MODELS,
  byAccountUsage,
  byGlobalUsage,
  canonicalModels,
  isDistillationAllowed,
  paidModels,
  personalizedModels,
  rankBy,
  subscriptionModels,
  syntheticTextModels,
  visibleModels,
  type ImageModel,
  type TextModel,
} from './data.js';

export type { BreakName } from './breaks.js';

export const REFERENCE_API_KEY = 'sk-nano-reference-7f3a9c2e41b8d605';

export interface ReferenceServerOptions {
  /** Default 0 = ephemeral. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Deliberately broken behaviours (see breaks.ts). */
  breaks?: readonly BreakName[];
  /** Append N synthetic text models (large-catalogue benchmarks). Default 0. */
  extraModels?: number;
  /** Answer the first N requests with 429 (Retry-After: 0, documented body). Default 0. */
  rateLimitFirst?: number;
}

export interface RunningReferenceServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  apiKey: string;
  requestCount(): number;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Replies and headers

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const VARY_KEYS = 'Authorization, x-api-key';
const LIST_CACHE = { 'cache-control': 'private, max-age=60', vary: VARY_KEYS };
const PERSONAL_CACHE = { 'cache-control': 'private, no-store', vary: VARY_KEYS };
const IMAGE_CACHE = { 'cache-control': 'public, max-age=300' };
const ERROR_CACHE = { 'cache-control': 'no-store' };
const CORS = { 'access-control-allow-origin': '*' };

function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...CORS, ...headers }, body: JSON.stringify(body) };
}

function openAiError(
  status: number,
  message: string,
  type: string,
  code: string,
  param: string | null,
  headers: Record<string, string>,
): Reply {
  return jsonReply(status, { error: { message, type, param, code } }, headers);
}

function unauthorized(headers: Record<string, string>): Reply {
  return openAiError(401, 'Invalid or missing API key', 'authentication_error', 'invalid_api_key', null, headers);
}

function notFound(path: string): Reply {
  return openAiError(404, `Unknown path: ${path}`, 'invalid_request_error', 'not_found', null, ERROR_CACHE);
}

// ---------------------------------------------------------------------------------------------
// Callers

type Has = (name: BreakName) => boolean;

interface Caller {
  state: 'none' | 'invalid' | 'valid';
  via: 'bearer' | 'x-api-key' | null;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `Authorization: Bearer <k>` wins over `x-api-key: <k>`; a key is valid iff it is REFERENCE_API_KEY. */
function resolveCaller(headers: IncomingHttpHeaders, honourXApiKey: boolean): Caller {
  const classify = (key: string, via: 'bearer' | 'x-api-key'): Caller => ({
    state: key === REFERENCE_API_KEY ? 'valid' : 'invalid',
    via,
  });
  const auth = firstHeader(headers.authorization);
  const bearer = auth === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(auth.trim());
  if (bearer) return classify((bearer[1] ?? '').trim(), 'bearer');
  const xApiKey = honourXApiKey ? firstHeader(headers['x-api-key']) : undefined;
  if (xApiKey !== undefined) return classify(xApiKey.trim(), 'x-api-key');
  return { state: 'none', via: null };
}

// ---------------------------------------------------------------------------------------------
// Items

interface Ctx {
  url: URL;
  headers: IncomingHttpHeaders;
  has: Has;
  /** Whole registry (internal helper and synthetic models included), catalogue order. */
  all: readonly TextModel[];
  /** What lists may show, catalogue order. */
  visible: readonly TextModel[];
}

/** Where a text item is rendered: NG-LIST/NG-DET breaks only touch the canonical route. */
interface ItemScope {
  has: Has;
  canonical: boolean;
}

function createdOut(created: number, has: Has, canonical: boolean): number | string {
  if (has('created-ms')) return created * 1000;
  if (canonical && has('created-string')) return String(created);
  if (canonical && has('created-float')) return created + 0.5;
  return created;
}

function basicItem(m: TextModel, { has, canonical }: ItemScope): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: m.id,
    object: canonical && has('object-not-model') ? 'Model' : 'model',
    created: createdOut(m.created, has, canonical),
    owned_by: m.owned_by,
  };
  if (canonical && has('missing-owned-by')) delete item.owned_by;
  if (canonical && has('owned-by-null')) item.owned_by = null;
  if (canonical && has('basic-has-pricing')) item.pricing = { ...m.pricing };
  return item;
}

/** "2.5" -> "2.50": a price the way a careless server would print it. */
function priceString(n: number): string {
  const s = String(n);
  return (s.split('.')[1]?.length ?? 0) >= 2 ? s : n.toFixed(2);
}

function detailedItem(m: TextModel, index: number, count: number, { has, canonical }: ItemScope): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: m.id,
    object: 'model',
    created: createdOut(m.created, has, canonical),
    owned_by: m.owned_by,
    name: m.name,
    description: m.description,
    context_length: m.context_length,
    max_output_tokens: m.max_output_tokens,
    capabilities: { ...m.capabilities },
    pricing: { ...m.pricing },
    icon_url: m.icon_url,
    cost_estimate: typeof m.cost_estimate === 'string' ? m.cost_estimate : { ...m.cost_estimate },
  };
  if (m.category !== undefined) item.category = m.category;
  if (m.distillationPolicy) item.distillationPolicy = { ...m.distillationPolicy };
  if (!canonical) return item;

  if (has('detailed-drops-owned-by')) delete item.owned_by;
  if (has('created-ms-detailed')) item.created = m.created * 1000;
  if (has('pricing-strings')) {
    item.pricing = { ...m.pricing, prompt: priceString(m.pricing.prompt), completion: priceString(m.pricing.completion) };
  }
  if (has('pricing-unit-per-1k')) item.pricing = { ...m.pricing, unit: 'per_thousand_tokens' };
  if (has('pricing-currency-lowercase')) item.pricing = { ...m.pricing, currency: 'usd' };
  if (has('capabilities-string') && index === 0) {
    const caps = item.capabilities as Record<string, unknown>;
    const flag = Object.keys(caps)[0] ?? 'vision';
    caps[flag] = String(caps[flag] ?? true);
  }
  if (has('capabilities-int')) {
    item.capabilities = Object.fromEntries(Object.entries(m.capabilities).map(([k, v]) => [k, v ? 1 : 0]));
  }
  if (has('context-length-string') && m.context_length !== null) item.context_length = String(m.context_length);
  if (has('context-length-null-string') && m.context_length === null) item.context_length = 'null';
  if (has('name-number') && index === 0) item.name = 5.2;
  if (has('cost-estimate-number') && index === 0) item.cost_estimate = 3;
  if (has('distillation-status-bool') && m.distillationPolicy) {
    item.distillationPolicy = { ...m.distillationPolicy, status: m.distillationPolicy.status === 'allowed' };
  }
  if (has('pricing-missing-some') && index === count - 1) delete item.pricing;
  return item;
}

function textItems(models: readonly TextModel[], detailed: boolean, scope: ItemScope): Record<string, unknown>[] {
  return models.map((m, i) => (detailed ? detailedItem(m, i, models.length, scope) : basicItem(m, scope)));
}

/** Text lists: detailed only for the string 'true'. */
function detailedParam(ctx: Ctx): boolean {
  const value = ctx.url.searchParams.get('detailed');
  if (value !== null && ctx.has('detailed-false-is-detailed')) return true;
  return value === 'true' && !ctx.has('detailed-ignored');
}

// ---------------------------------------------------------------------------------------------
// Routes

type ListKind = 'canonical' | 'subscription' | 'paid';

/** GET /api/v1/models, /api/subscription/v1/models, /api/paid/v1/models. */
function textList(ctx: Ctx, kind: ListKind): Reply {
  const { has, url, visible } = ctx;
  const canonical = kind === 'canonical';
  const caller = resolveCaller(ctx.headers, !has('xapikey-ignored'));
  const valid = caller.state === 'valid';
  const sortValue = url.searchParams.get('sort');
  const sort = sortValue === 'favorites' || sortValue === 'mostused' ? sortValue : null;
  const unknownSort = sortValue !== null && sort === null;

  if (canonical) {
    const reject =
      (has('invalid-bearer-401') && caller.state === 'invalid' && caller.via === 'bearer') ||
      (has('invalid-xapikey-401') && caller.state === 'invalid' && caller.via === 'x-api-key') ||
      (has('valid-bearer-rejected') && valid && caller.via === 'bearer') ||
      (has('valid-xapikey-rejected') && valid && caller.via === 'x-api-key') ||
      (has('mostused-requires-key') && sort === 'mostused' && !valid) ||
      (has('favorites-invalid-key-401') && sort === 'favorites' && caller.state === 'invalid');
    if (reject) return unauthorized(LIST_CACHE);
    if (has('invalid-sort-400') && unknownSort) {
      return openAiError(400, `Invalid sort value: ${sortValue}`, 'invalid_request_error', 'invalid_sort', 'sort', LIST_CACHE);
    }
  }
  if (kind === 'subscription' && has('subscription-requires-key') && !valid) return unauthorized(LIST_CACHE);
  if (kind === 'paid' && has('paid-missing')) return notFound(url.pathname);

  let detailed = detailedParam(ctx);
  if (!canonical && has('variants-ignore-detailed')) detailed = false;
  if (canonical && sort !== null && has('sort-drops-detailed')) detailed = false;
  if (canonical && unknownSort && has('invalid-sort-drops-detailed')) detailed = false;

  // Which models the caller may see.
  let models: TextModel[];
  if (kind === 'subscription') {
    const addsPaid = has('subscription-keyed-adds-paid') || (caller.via === 'x-api-key' && has('subscription-xapikey-adds-paid'));
    models = valid && addsPaid ? [...visible] : subscriptionModels(visible);
    if (has('subscription-includes-internal')) models = [...models, ...ctx.all.filter((m) => m.internal)];
  } else if (kind === 'paid') {
    const firstSubscription = subscriptionModels(visible)[0];
    models = has('variants-overlap') || (detailed && has('paid-overlap-detailed'))
      ? visible.filter((m) => !m.subscription || m === firstSubscription)
      : paidModels(visible);
    if (has('paid-missing-model')) models = models.slice(0, -1);
  } else {
    models = canonicalModels(visible, valid);
    if (caller.state === 'invalid' && has('invalid-key-hides-models')) models = subscriptionModels(visible);
    if (has('duplicate-id') && models[0]) models = [...models, models[0]];
    if (sort === 'favorites' && valid && has('favorites-adds-model')) {
      const hidden = rankBy(visible.filter((m) => !models.includes(m)), byAccountUsage)[0];
      if (hidden && byAccountUsage(hidden) > 0) models = [...models, hidden];
    }
  }

  // Order: sorting reorders only; favorites without a valid key falls back to normal order.
  let order: 'normal' | 'mostused' | 'favorites' = 'normal';
  if (sort === 'mostused') order = 'mostused';
  if (sort === 'favorites') {
    const unsorted = canonical && caller.via === 'x-api-key' && has('favorites-xapikey-unsorted');
    const reordered = canonical && (has('favorites-anon-reordered') || (caller.via === 'x-api-key' && has('favorites-invalid-xapikey-reordered')));
    order = valid ? (unsorted ? 'normal' : 'favorites') : reordered ? 'mostused' : 'normal';
  }
  if (order === 'mostused') models = rankBy(models, byGlobalUsage);
  if (order === 'favorites') models = rankBy(models, byAccountUsage);
  if (canonical && sort === 'mostused' && has('mostused-drops-model')) models = models.slice(0, -1);
  if (canonical && unknownSort && has('invalid-sort-reorders')) models = [...models].reverse();
  const hidesUnranked = has('mostused-hides-unranked') || (detailed && has('mostused-detailed-hides-unranked'));
  if (canonical && order === 'mostused' && hidesUnranked) models = models.filter((m) => byGlobalUsage(m) > 0);
  if (canonical && detailed && order === 'normal' && has('detailed-order-differs')) models = [...models].reverse();
  // A provider join gone wrong: the second model once per provider.
  if (canonical && detailed && has('duplicate-id-detailed') && models[1]) models = [...models.slice(0, 2), models[1], ...models.slice(2)];

  const data = textItems(models, detailed, { has, canonical });
  if (kind === 'subscription' && has('created-string-subscription')) for (const item of data) item.created = String(item.created);
  if (kind === 'paid' && has('pricing-string-paid')) {
    for (const item of data) if (item.pricing) item.pricing = { ...(item.pricing as object), prompt: priceString((item.pricing as { prompt: number }).prompt) };
  }
  const body = { object: canonical && has('object-not-list') ? 'models' : 'list', data };
  let text = JSON.stringify(body);
  if (canonical && has('invalid-json')) text = text.slice(0, Math.floor(text.length / 2));
  const contentType = canonical && has('content-type-text') ? 'text/plain; charset=utf-8' : JSON_TYPE;
  return { status: 200, headers: { 'content-type': contentType, ...CORS, ...LIST_CACHE }, body: text };
}

/** GET /api/personalized/v1/models: key required; the account's visible text models. */
function personalizedCache(has: Has, caller: Caller): Record<string, string> {
  if (has('personalized-cache-public') || (caller.via === 'x-api-key' && has('personalized-xapikey-cache-public'))) {
    return { 'cache-control': 'public, max-age=300' };
  }
  if (has('personalized-no-cache-headers')) return {};
  // Safe for Authorization requests (RFC 9111 §3.5), not for x-api-key ones.
  if (has('personalized-vary-misses-xapikey')) return { 'cache-control': 'max-age=60', vary: 'Authorization' };
  if (has('personalized-s-maxage')) return { 'cache-control': 's-maxage=60, max-age=0', vary: VARY_KEYS };
  return PERSONAL_CACHE;
}

function personalized(ctx: Ctx): Reply {
  const { has, visible } = ctx;
  const caller = resolveCaller(ctx.headers, true);
  const cache = personalizedCache(has, caller);
  const reject = (): Reply => {
    if (has('personalized-401-bare-error')) return jsonReply(401, { error: 'Unauthorized' }, cache);
    if (!has('personalized-401-html')) return unauthorized(cache);
    return {
      status: 401,
      headers: { 'content-type': 'text/html; charset=utf-8', ...CORS, ...cache },
      body: '<!DOCTYPE html><html><body><h1>401 Unauthorized</h1></body></html>',
    };
  };

  let models: TextModel[];
  if (caller.state === 'valid') {
    if (caller.via === 'x-api-key' && has('personalized-xapikey-401')) return reject();
    models = personalizedModels(visible);
  } else {
    const open =
      (caller.state === 'none' && has('personalized-open')) ||
      (caller.via === 'bearer' && has('personalized-accepts-invalid-bearer')) ||
      (caller.via === 'x-api-key' && has('personalized-accepts-invalid-xapikey')) ||
      (has('personalized-empty-bearer-open') && /^Bearer\s*$/i.test(firstHeader(ctx.headers.authorization)?.trim() ?? ''));
    if (!open) return reject();
    models = canonicalModels(visible, false);
  }
  const detailed = detailedParam(ctx) && !has('personalized-ignores-detailed');
  return jsonReply(200, { object: 'list', data: textItems(models, detailed, { has, canonical: false }) }, cache);
}

function imageDetailedItem(m: ImageModel, index: number, has: Has): Record<string, unknown> {
  const capabilities: Record<string, unknown> = { ...m.capabilities };
  if (has('image-capabilities-string') && index === 0) capabilities.image_generation = String(m.capabilities.image_generation);
  return {
    ...m,
    created: createdOut(m.created, has, false),
    architecture: { ...m.architecture },
    pricing: { per_image: { ...m.pricing.per_image }, currency: m.pricing.currency },
    capabilities,
    supported_parameters: { ...m.supported_parameters },
    tags: [...m.tags],
  };
}

/** GET /api/v1/image-models: detailed defaults to true; cacheable. */
function imageModels(ctx: Ctx): Reply {
  const { has, url } = ctx;
  if (has('image-models-missing')) return notFound(url.pathname);
  const param = url.searchParams.get('detailed');
  let detailed = param === null ? !has('image-default-basic') : param !== 'false';
  if (param === 'false') {
    if (has('image-detailed-false-500')) {
      return openAiError(500, 'Internal server error', 'server_error', 'internal_error', null, ERROR_CACHE);
    }
  }
  let models: readonly ImageModel[] = IMAGE_MODELS;
  if (!detailed && has('image-basic-drops-model')) models = models.slice(0, -1);
  const basicObject = has('image-basic-object-wrong') ? 'image_model' : 'model';
  const data = models.map((m, i) => (detailed ? imageDetailedItem(m, i, has) : { id: m.id, object: basicObject }));
  const count = data.length + (has('image-count-wrong') ? 1 : 0);
  const now = new Date().toISOString();
  const meta = {
    count: has('image-count-string') ? String(count) : count,
    generated_at: has('image-generated-at-epoch')
      ? Math.floor(Date.now() / 1000)
      : has('image-generated-at-no-tz') ? now.replace(/Z$/, '') : now,
  };
  return jsonReply(200, { object: 'list', data, meta }, IMAGE_CACHE);
}

/** GET /api/explore/text-models[?distillation=allowed], and /api/explore/search?type=text&q=... (search: true). */
function exploreTextModels(ctx: Ctx, search = false): Reply {
  const { has, url } = ctx;
  const q = (url.searchParams.get('q') ?? '').toLowerCase();
  const matches = (m: TextModel) => !search || m.id.toLowerCase().includes(q) || m.name.toLowerCase().includes(q);
  const visible = ctx.visible.filter(matches);
  const all = ctx.all.filter(matches);
  const filtered = url.searchParams.get('distillation') === 'allowed';
  let models: readonly TextModel[] = visible;
  let meta: { distillation?: 'all' | 'allowed' };
  if (filtered) {
    if (has('explore-filter-adds')) models = all.filter(isDistillationAllowed);
    else if (!has('explore-filter-ignored') && !(search && has('search-filter-ignored'))) {
      const keep = has('explore-filter-keeps-unknown') ? visible.find((m) => m.distillationPolicy?.status === 'unknown') : undefined;
      models = visible.filter((m) => isDistillationAllowed(m) || m === keep);
    }
    meta = { distillation: has('explore-meta-all-when-filtered') ? 'all' : 'allowed' };
  } else {
    meta = has('explore-meta-missing') ? {} : { distillation: 'all' };
  }
  const data = models.map((m) => ({
    id: m.id,
    name: m.name,
    owned_by: m.owned_by,
    ...(m.distillationPolicy ? { distillationPolicy: { ...m.distillationPolicy } } : {}),
  }));
  return jsonReply(200, { object: 'list', data, meta });
}

const ROUTES: Readonly<Record<string, (ctx: Ctx) => Reply>> = {
  '/api/v1/models': (ctx) => textList(ctx, 'canonical'),
  '/api/subscription/v1/models': (ctx) => textList(ctx, 'subscription'),
  '/api/paid/v1/models': (ctx) => textList(ctx, 'paid'),
  '/api/personalized/v1/models': personalized,
  '/api/v1/image-models': imageModels,
  '/api/explore/text-models': (ctx) => exploreTextModels(ctx),
  '/api/explore/search': (ctx) => exploreTextModels(ctx, true),
};

function preflight(has: Has): Reply {
  return {
    status: 204,
    headers: {
      ...CORS,
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-allow-headers': has('preflight-no-xapikey')
        ? 'Authorization, Content-Type'
        : has('preflight-allow-headers-star') ? '*' : 'Authorization, x-api-key, Content-Type',
      'access-control-max-age': '600',
    },
    body: '',
  };
}

function rateLimited(has: Has): Reply {
  if (has('rate-limit-body-html')) {
    return {
      status: 429,
      headers: { 'content-type': 'text/html; charset=utf-8', ...CORS, ...ERROR_CACHE, 'retry-after': '0' },
      body: '<!DOCTYPE html><html><body><h1>429 Too Many Requests</h1></body></html>',
    };
  }
  const body = has('rate-limit-body-bare-error') ? { error: 'Rate limit exceeded' } : { code: 'rate_limited', message: 'Rate limit exceeded' };
  return jsonReply(429, body, { ...ERROR_CACHE, 'retry-after': '0' });
}

// ---------------------------------------------------------------------------------------------
// Server

export async function startReferenceServer(opts: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  const breaks = new Set<BreakName>();
  for (const name of opts.breaks ?? []) {
    if (!isBreakName(name)) throw new Error(`unknown reference-server break: ${String(name)}`);
    breaks.add(name);
  }
  const has: Has = (name) => breaks.has(name);
  const surfaceBreaks = [...breaks].filter((b): b is keyof typeof SURFACE_BREAKS => b in SURFACE_BREAKS);
  const extraModels = opts.extraModels ?? 0;
  const rateLimitFirst = opts.rateLimitFirst ?? 0;
  for (const [key, n] of [['extraModels', extraModels], ['rateLimitFirst', rateLimitFirst]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a non-negative integer, got ${n}`);
  }
  const limit = has('rate-limit-body-html') || has('rate-limit-body-bare-error') ? Math.max(rateLimitFirst, 1) : rateLimitFirst;
  const all = [...TEXT_MODELS, ...syntheticTextModels(extraModels)];
  const visible = visibleModels(all);
  let count = 0;

  const server = http.createServer((req, res) => {
    const n = ++count;
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://reference.invalid');
      if (n <= limit) reply = rateLimited(has);
      else if (req.method === 'OPTIONS' && !has('preflight-405')) reply = preflight(has);
      else if (req.method !== 'GET') {
        reply = openAiError(405, `Method ${req.method ?? ''} not allowed`, 'invalid_request_error', 'method_not_allowed', null, {
          ...ERROR_CACHE,
          allow: 'GET, OPTIONS',
        });
      } else {
        const route = ROUTES[url.pathname];
        reply = route ? route({ url, headers: req.headers, has, all, visible }) : notFound(url.pathname);
      }
    } catch (err) {
      reply = openAiError(500, `Reference server error: ${String(err)}`, 'server_error', 'internal_error', null, ERROR_CACHE);
    }
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    for (const name of surfaceBreaks) {
      const spoiler = SURFACE_BREAKS[name];
      if (reply.status < 300 && matchesSurface(spoiler.on, req.method ?? 'GET', url, resolveCaller(req.headers, true))) spoiler.spoil(reply);
    }
    if (req.method === 'GET' && has('no-cors')) delete reply.headers['access-control-allow-origin'];
    const headers: Record<string, string | number> = { ...reply.headers };
    if (reply.status !== 204) headers['content-length'] = Buffer.byteLength(reply.body);
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  });

  const listening = await listenOn(server, opts);
  return { url: listening.url, port: listening.port, apiKey: REFERENCE_API_KEY, requestCount: () => count, close: listening.close };
}
