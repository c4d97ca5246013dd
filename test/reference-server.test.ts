/** The NanoGPT reference server as the documents describe it, and its options. Breaks: test/reference-breaks.test.ts. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BreakName } from '../src/reference/breaks.js';
import { REFERENCE_API_KEY, startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { CATALOGUE, INVALID, PAID, SUBSCRIPTION, VALID, bearer, get, ids, xKey, type Got } from './reference-fetch.js';
import { serve } from './servers.js';

describe('clean reference server', () => {
  let srv: RunningReferenceServer;
  let g: (path: string, headers?: Record<string, string>, method?: string) => Promise<Got>;
  beforeAll(async () => {
    srv = await serve(startReferenceServer());
    g = (path, headers, method) => get(srv.url, path, headers, method);
  });

  it('exposes its url, port and key', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}`);
    expect(srv.apiKey).toBe(REFERENCE_API_KEY);
  });

  it('canonical anonymous list: basic items, catalogue order, headers', async () => {
    const r = await g('/api/v1/models');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('cache-control')).toBe('private, max-age=60');
    expect(r.headers.get('vary')).toBe('Authorization, x-api-key');
    expect(r.json.object).toBe('list');
    expect(ids(r)).toEqual(CATALOGUE);
    expect(ids(r)).not.toContain('internal/free-helper-selector');
    for (const m of r.json.data) {
      expect(Object.keys(m).sort()).toEqual(['created', 'id', 'object', 'owned_by']);
      expect(m.object).toBe('model');
      expect(Number.isInteger(m.created)).toBe(true);
      expect(m.created).toBeGreaterThan(1_600_000_000);
      expect(m.created).toBeLessThan(Date.now() / 1000);
    }
    expect((await g('/api/v1/models?detailed=false')).json).toEqual(r.json);
    expect((await g('/api/v1/models?detailed=1')).json).toEqual(r.json);
  });

  it('detailed=true: documented fields, same models in the same order', async () => {
    const r = await g('/api/v1/models?detailed=true');
    expect(ids(r)).toEqual(CATALOGUE);
    const data = r.json.data as Record<string, any>[];
    for (const m of data) {
      expect(typeof m.owned_by).toBe('string');
      expect(typeof m.name).toBe('string');
      expect(m.pricing).toMatchObject({ currency: 'USD', unit: 'per_million_tokens' });
      expect(typeof m.pricing.prompt).toBe('number');
      expect(typeof m.pricing.completion).toBe('number');
      for (const v of Object.values(m.capabilities)) expect(typeof v).toBe('boolean');
      expect(m.context_length === null || typeof m.context_length === 'number').toBe(true);
      expect(m.max_output_tokens === null || typeof m.max_output_tokens === 'number').toBe(true);
      expect(['string', 'object']).toContain(typeof m.cost_estimate);
      if (m.distillationPolicy) {
        for (const k of ['status', 'label', 'basis', 'sourceUrl', 'note']) expect(typeof m.distillationPolicy[k]).toBe('string');
      }
      expect(m).not.toHaveProperty('subscription');
      expect(m).not.toHaveProperty('globalUsage');
    }
    expect(data.some((m) => m.context_length === null)).toBe(true);
    expect(data.some((m) => m.max_output_tokens === null)).toBe(true);
    expect(data.some((m) => typeof m.cost_estimate === 'object')).toBe(true);
    expect(data.some((m) => !('distillationPolicy' in m))).toBe(true);
  });

  it('keys: valid key (either header) applies the subscription-only preference; invalid = anonymous', async () => {
    expect(ids(await g('/api/v1/models', bearer(VALID)))).toEqual(SUBSCRIPTION);
    expect(ids(await g('/api/v1/models', xKey(VALID)))).toEqual(SUBSCRIPTION);
    expect(ids(await g('/api/v1/models?detailed=true', xKey(VALID)))).toEqual(SUBSCRIPTION);
    expect(ids(await g('/api/v1/models', bearer(INVALID)))).toEqual(CATALOGUE);
    expect(ids(await g('/api/v1/models?detailed=true', xKey(INVALID)))).toEqual(CATALOGUE);
    // Bearer wins over x-api-key.
    expect(ids(await g('/api/v1/models', { ...bearer(INVALID), ...xKey(VALID) }))).toEqual(CATALOGUE);
    expect(ids(await g('/api/v1/models', { ...bearer(VALID), ...xKey(INVALID) }))).toEqual(SUBSCRIPTION);
  });

  it('sort=mostused: ranked by usage, then unranked in catalogue order; no key needed', async () => {
    const r = await g('/api/v1/models?sort=mostused');
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([
      'deepseek/deepseek-v3.2',
      'openai/gpt-5.2',
      'moonshotai/kimi-k2.5',
      'anthropic/claude-opus-4.6',
      'google/gemini-3-flash-preview',
      'z-ai/glm-4.6',
      'auto-model',
      'openai/gpt-5.2-pro',
      'qwen/qwen3-coder-plus',
      'x-ai/grok-4.3',
      'nousresearch/hermes-4-70b',
    ]);
    expect([...ids(r)].sort()).toEqual([...CATALOGUE].sort());
    const detailed = await g('/api/v1/models?sort=mostused&detailed=true');
    expect(ids(detailed)).toEqual(ids(r));
    expect(detailed.json.data[0]).toHaveProperty('pricing');
  });

  it('sort=favorites: personal order with a valid key, normal order otherwise', async () => {
    expect(ids(await g('/api/v1/models?sort=favorites'))).toEqual(CATALOGUE);
    expect(ids(await g('/api/v1/models?sort=favorites', { ...bearer(INVALID), ...xKey(INVALID) }))).toEqual(CATALOGUE);
    const fav = ids(await g('/api/v1/models?sort=favorites', bearer(VALID)));
    expect(fav).toEqual([
      'z-ai/glm-4.6',
      'nousresearch/hermes-4-70b',
      'deepseek/deepseek-v3.2',
      'auto-model',
      'google/gemini-3-flash-preview',
      'qwen/qwen3-coder-plus',
      'moonshotai/kimi-k2.5',
    ]);
    expect([...fav].sort()).toEqual([...SUBSCRIPTION].sort());
    const detailed = await g('/api/v1/models?detailed=true&sort=favorites', xKey(VALID));
    expect(ids(detailed)).toEqual(fav);
    expect(detailed.json.data[0]).toHaveProperty('capabilities');
  });

  it('invalid sort values are ignored', async () => {
    const r = await g('/api/v1/models?sort=newest');
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual(CATALOGUE);
  });

  it('subscription and paid variants partition the anonymous list and ignore the key', async () => {
    const sub = await g('/api/subscription/v1/models');
    const paid = await g('/api/paid/v1/models');
    expect(sub.status).toBe(200);
    expect(paid.status).toBe(200);
    expect(sub.headers.get('cache-control')).toBe('private, max-age=60');
    expect(ids(sub)).toEqual(SUBSCRIPTION);
    expect(ids(paid)).toEqual(PAID);
    expect(ids(await g('/api/subscription/v1/models', bearer(VALID)))).toEqual(SUBSCRIPTION);
    expect(ids(await g('/api/paid/v1/models', xKey(VALID)))).toEqual(PAID);
    const subDetailed = await g('/api/subscription/v1/models?detailed=true');
    expect(ids(subDetailed)).toEqual(SUBSCRIPTION);
    expect(subDetailed.json.data[0]).toHaveProperty('pricing');
    expect(ids(await g('/api/paid/v1/models?sort=mostused'))).toEqual([
      'openai/gpt-5.2',
      'anthropic/claude-opus-4.6',
      'openai/gpt-5.2-pro',
      'x-ai/grok-4.3',
    ]);
  });

  it('personalized: 401 envelope without a valid key, the account list with one', async () => {
    for (const headers of [{}, bearer(INVALID), xKey(INVALID), bearer('')]) {
      const r = await g('/api/personalized/v1/models', headers);
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.json).toEqual({
        error: { message: expect.any(String), type: 'authentication_error', param: null, code: 'invalid_api_key' },
      });
      expect(r.headers.get('cache-control')).toBe('private, no-store');
      expect(r.headers.get('vary')).toBe('Authorization, x-api-key');
    }
    const viaBearer = await g('/api/personalized/v1/models', bearer(VALID));
    const viaX = await g('/api/personalized/v1/models', xKey(VALID));
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.headers.get('cache-control')).toBe('private, no-store');
    expect(viaBearer.headers.get('vary')).toBe('Authorization, x-api-key');
    expect(ids(viaX)).toEqual(ids(viaBearer));
    expect(ids(viaBearer)).toContain('openai/gpt-5.2'); // paid model, hidden on the canonical list for this key
    expect(ids(viaBearer)).not.toContain('qwen/qwen3-coder-plus'); // subscription model switched off
    const detailed = await g('/api/personalized/v1/models?detailed=true', xKey(VALID));
    expect(ids(detailed)).toEqual(ids(viaBearer));
    expect(detailed.json.data[0]).toHaveProperty('pricing');
  });

  it('image models: detailed by default, basic with detailed=false, meta', async () => {
    const r = await g('/api/v1/image-models');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    expect(r.json.object).toBe('list');
    expect(r.json.data).toHaveLength(3);
    expect(r.json.meta.count).toBe(3);
    expect(new Date(r.json.meta.generated_at).toISOString()).toBe(r.json.meta.generated_at);
    for (const m of r.json.data) {
      expect(m.category).toBe('image');
      for (const v of Object.values(m.capabilities)) expect(typeof v).toBe('boolean');
    }
    expect((await g('/api/v1/image-models?detailed=true')).json.data).toEqual(r.json.data);
    const basic = await g('/api/v1/image-models?detailed=false');
    expect(basic.json.data).toEqual(ids(r).map((id) => ({ id, object: 'model' })));
    expect(basic.json.meta.count).toBe(3);
  });

  it('explore: meta.distillation all / allowed, filter is a subset', async () => {
    const all = await g('/api/explore/text-models');
    expect(all.json.meta).toEqual({ distillation: 'all' });
    expect(ids(all)).toEqual(CATALOGUE);
    const allowed = await g('/api/explore/text-models?distillation=allowed');
    expect(allowed.json.meta).toEqual({ distillation: 'allowed' });
    expect(ids(allowed)).toEqual(['deepseek/deepseek-v3.2', 'moonshotai/kimi-k2.5', 'z-ai/glm-4.6']);
    for (const m of allowed.json.data) expect(m.distillationPolicy.status).toBe('allowed');
  });

  it('CORS preflight, 404 and 405', async () => {
    const pre = await g('/api/v1/models', { origin: 'https://example.com', 'access-control-request-method': 'GET' }, 'OPTIONS');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization, x-api-key, Content-Type');
    expect(pre.headers.get('access-control-max-age')).toBe('600');
    const missing = await g('/api/v2/models');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found', param: null });
    const post = await g('/api/v1/models', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, OPTIONS');
  });
});

describe('server options', () => {
  it('rateLimitFirst answers the first N requests with the documented 429', async () => {
    const srv = await serve(startReferenceServer({ rateLimitFirst: 2 }));
    for (const path of ['/api/v1/models', '/api/v1/image-models']) {
      const r = await get(srv.url, path);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('0');
      expect(r.json).toEqual({ code: 'rate_limited', message: 'Rate limit exceeded' });
    }
    expect((await get(srv.url, '/api/v1/models')).status).toBe(200);
    expect(srv.requestCount()).toBe(3);
  });

  it('extraModels: 5000 synthetic models build and list fast', async () => {
    const t0 = performance.now();
    const srv = await serve(startReferenceServer({ extraModels: 5000 }));
    const detailed = await get(srv.url, '/api/v1/models?detailed=true&sort=mostused');
    const sub = await get(srv.url, '/api/subscription/v1/models');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(detailed.json.data).toHaveLength(CATALOGUE.length + 5000);
    expect(new Set(ids(detailed)).size).toBe(CATALOGUE.length + 5000);
    expect(ids(sub)).toHaveLength(SUBSCRIPTION.length + 2500);
    const synthetic = detailed.json.data.find((m: { id: string }) => m.id === 'synthetic/model-00001');
    expect(synthetic).toMatchObject({ object: 'model', owned_by: 'synthetic', pricing: { unit: 'per_million_tokens' } });
  });

  it('rejects unknown breaks and bad counts', async () => {
    await expect(startReferenceServer({ breaks: ['no-such-break' as BreakName] })).rejects.toThrow(/unknown/);
    await expect(startReferenceServer({ extraModels: -1 })).rejects.toThrow(/extraModels/);
  });
});
