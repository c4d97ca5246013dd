/** The NanoGPT reference's deliberate breaks (src/reference/breaks/): each changes what the server answers. */
import { describe, expect, it } from 'vitest';
import { BREAKS, BREAK_NAMES, type BreakName } from '../src/reference/breaks.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { CATALOGUE, INVALID, PAID, SUBSCRIPTION, VALID, bearer, get, ids, xKey } from './reference-fetch.js';
import { serve } from './servers.js';

describe('breaks', () => {
  async function withBreak<T>(name: BreakName, fn: (s: RunningReferenceServer) => Promise<T>): Promise<T> {
    const srv = await serve(startReferenceServer({ breaks: [name] }));
    return await fn(srv);
  }

  it('every break names at least one check it kills', () => {
    for (const name of BREAK_NAMES) {
      expect(BREAKS[name].kills.length).toBeGreaterThan(0);
      for (const id of BREAKS[name].kills) expect(id).toMatch(/^NG-[A-Z]+-\d\d$/);
    }
  });

  // A fixed probe set; every break must change at least one probe's answer.
  const PROBES: [string, Record<string, string>, string?][] = [
    ['/api/v1/models', {}],
    ['/api/v1/models?detailed=true', {}],
    ['/api/v1/models?detailed=false', {}],
    ['/api/v1/models?sort=mostused', {}],
    ['/api/v1/models?sort=favorites', {}],
    ['/api/v1/models?sort=bogus', {}],
    ['/api/v1/models?detailed=true&sort=mostused', {}],
    ['/api/v1/models', bearer(INVALID)],
    ['/api/v1/models', xKey(INVALID)],
    ['/api/v1/models', bearer(VALID)],
    ['/api/v1/models', xKey(VALID)],
    ['/api/v1/models?sort=favorites', bearer(INVALID)],
    ['/api/v1/models?sort=favorites', bearer(VALID)],
    ['/api/v1/models?sort=favorites', xKey(INVALID)],
    ['/api/v1/models?sort=favorites', xKey(VALID)],
    ['/api/v1/models?detailed=true&sort=bogus', {}],
    ['/api/subscription/v1/models', {}],
    ['/api/subscription/v1/models', bearer(VALID)],
    ['/api/subscription/v1/models', xKey(VALID)],
    ['/api/subscription/v1/models?detailed=true', {}],
    ['/api/paid/v1/models', {}],
    ['/api/paid/v1/models?detailed=true', {}],
    ['/api/personalized/v1/models', {}],
    ['/api/personalized/v1/models', bearer(INVALID)],
    ['/api/personalized/v1/models', xKey(INVALID)],
    ['/api/personalized/v1/models', { authorization: 'Bearer' }],
    ['/api/personalized/v1/models', xKey(VALID)],
    ['/api/personalized/v1/models?detailed=true', bearer(VALID)],
    ['/api/v1/image-models', {}],
    ['/api/v1/image-models?detailed=false', {}],
    ['/api/explore/text-models', {}],
    ['/api/explore/text-models?distillation=allowed', {}],
    ['/api/v1/models', {}, 'OPTIONS'],
    // The twin surfaces the surface breaks (src/reference/breaks/nanogpt-surfaces.ts) spoil.
    ['/api/v1/models?sort=conformance-not-a-sort', {}],
    ['/api/v1/models?detailed=true&sort=conformance-not-a-sort', {}],
    ['/api/v1/models?detailed=true', bearer(INVALID)],
    ['/api/v1/models?detailed=true', xKey(INVALID)],
    ['/api/v1/models?detailed=true', bearer(VALID)],
    ['/api/v1/models?detailed=true', xKey(VALID)],
    ['/api/v1/models?detailed=true&sort=favorites', bearer(VALID)],
    ['/api/subscription/v1/models', bearer(INVALID)],
    ['/api/subscription/v1/models', xKey(INVALID)],
    ['/api/subscription/v1/models?detailed=true', xKey(VALID)],
    ['/api/paid/v1/models', bearer(INVALID)],
    ['/api/paid/v1/models', xKey(INVALID)],
    ['/api/paid/v1/models', bearer(VALID)],
    ['/api/paid/v1/models', xKey(VALID)],
    ['/api/paid/v1/models?detailed=true', bearer(VALID)],
    ['/api/personalized/v1/models', bearer(VALID)],
    ['/api/personalized/v1/models?detailed=true', xKey(VALID)],
    ['/api/v1/image-models?detailed=true', bearer(VALID)],
    ['/api/v1/image-models', xKey(VALID)],
    ['/api/explore/search?type=text&q=qwen', {}],
    ['/api/explore/search?type=text&q=qwen&distillation=allowed', {}],
    ['/api/subscription/v1/models', {}, 'OPTIONS'],
    ['/api/paid/v1/models', {}, 'OPTIONS'],
  ];
  const HEADERS = ['content-type', 'cache-control', 'vary', 'retry-after', 'access-control-allow-origin', 'access-control-allow-headers'];

  /** Probe answers in order; stops at the first one that differs from `baseline` (when given). */
  async function fingerprint(srv: RunningReferenceServer, baseline?: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const [path, headers, method] of PROBES) {
      const r = await get(srv.url, path, headers, method);
      const body = r.text.replace(/"generated_at":("[^"]*"|\d+)/, (_m, v: string) => `"generated_at":${v.startsWith('"') ? v.replace(/\d/g, 'd') : 'NUM'}`);
      const line = `${method ?? 'GET'} ${path} ${JSON.stringify(headers)} -> ${r.status} ${HEADERS.map((h) => r.headers.get(h)).join('|')} ${body}`;
      out.push(line);
      if (baseline && line !== baseline[out.length - 1]) break;
    }
    return out;
  }

  it('every break changes the answer to some probe', async () => {
    const clean = await serve(startReferenceServer());
    const baseline = await fingerprint(clean).finally(() => clean.close());
    const inert: string[] = [];
    await Promise.all(
      BREAK_NAMES.map((name) =>
        withBreak(name, async (srv) => {
          const fp = await fingerprint(srv, baseline);
          if (fp.every((line, i) => line === baseline[i])) inert.push(name);
        }),
      ),
    );
    expect(inert).toEqual([]);
  });

  it('created-ms: every list endpoint sends milliseconds', () =>
    withBreak('created-ms', async (s) => {
      for (const path of ['/api/v1/models', '/api/paid/v1/models', '/api/v1/image-models']) {
        expect((await get(s.url, path)).json.data[0].created).toBeGreaterThan(1e12);
      }
    }));

  it('invalid-json: canonical body does not parse, other routes do', () =>
    withBreak('invalid-json', async (s) => {
      expect((await get(s.url, '/api/v1/models')).json).toBeUndefined();
      expect((await get(s.url, '/api/paid/v1/models')).json.object).toBe('list');
    }));

  it('favorites-anon-reordered: favorites without a valid key follows mostused', () =>
    withBreak('favorites-anon-reordered', async (s) => {
      const mostused = ids(await get(s.url, '/api/v1/models?sort=mostused'));
      expect(ids(await get(s.url, '/api/v1/models?sort=favorites'))).toEqual(mostused);
      expect(ids(await get(s.url, '/api/v1/models?sort=favorites', xKey(INVALID)))).toEqual(mostused);
    }));

  it('favorites-adds-model: a hidden paid model appears for the key', () =>
    withBreak('favorites-adds-model', async (s) => {
      const fav = ids(await get(s.url, '/api/v1/models?sort=favorites', bearer(VALID)));
      expect(fav).toContain('openai/gpt-5.2');
      expect(fav).toHaveLength(SUBSCRIPTION.length + 1);
    }));

  it('personalized-open: 200 with the anonymous list, invalid keys still 401', () =>
    withBreak('personalized-open', async (s) => {
      expect(ids(await get(s.url, '/api/personalized/v1/models'))).toEqual(CATALOGUE);
      expect((await get(s.url, '/api/personalized/v1/models', bearer(INVALID))).status).toBe(401);
    }));

  it('xapikey-ignored: public routes treat x-api-key as anonymous, personalized accepts it', () =>
    withBreak('xapikey-ignored', async (s) => {
      expect(ids(await get(s.url, '/api/v1/models', xKey(VALID)))).toEqual(CATALOGUE);
      expect(ids(await get(s.url, '/api/v1/models', bearer(VALID)))).toEqual(SUBSCRIPTION);
      expect((await get(s.url, '/api/personalized/v1/models', xKey(VALID))).status).toBe(200);
    }));

  it('variants-overlap: paid also lists the first subscription model', () =>
    withBreak('variants-overlap', async (s) => {
      expect(ids(await get(s.url, '/api/paid/v1/models'))).toEqual(['auto-model', ...PAID]);
    }));

  it('image-count-wrong and explore-filter-adds', async () => {
    await withBreak('image-count-wrong', async (s) => {
      const r = await get(s.url, '/api/v1/image-models');
      expect(r.json.meta.count).toBe(r.json.data.length + 1);
    });
    await withBreak('explore-filter-adds', async (s) => {
      expect(ids(await get(s.url, '/api/explore/text-models?distillation=allowed'))).toContain('internal/free-helper-selector');
      expect(ids(await get(s.url, '/api/explore/text-models'))).not.toContain('internal/free-helper-selector');
    });
  });

  it('rate-limit-body-html: first answer is a 429 with an HTML body, then normal', () =>
    withBreak('rate-limit-body-html', async (s) => {
      const first = await get(s.url, '/api/v1/models');
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('0');
      expect(first.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await get(s.url, '/api/v1/models')).status).toBe(200);
    }));

  it('no-cors and preflight-no-xapikey', async () => {
    await withBreak('no-cors', async (s) => {
      expect((await get(s.url, '/api/v1/models', { origin: 'https://example.com' })).headers.get('access-control-allow-origin')).toBeNull();
    });
    await withBreak('preflight-no-xapikey', async (s) => {
      const pre = await get(s.url, '/api/v1/models', {}, 'OPTIONS');
      expect(pre.headers.get('access-control-allow-headers')).not.toMatch(/x-api-key/i);
    });
  });
});
