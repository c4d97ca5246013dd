/** The engine: one request per distinct spec, polite 429 retries, keys added and redacted by value. */
import { beforeAll, describe, expect, it } from 'vitest';
import { INVALID_KEY, retryDelayMs } from '../src/core/engine.js';
import { createEngine } from '../src/core/engine-setup.js';
import { Redactor, REDACTED } from '../src/core/redact.js';
import { selectChecks, UsageError } from '../src/core/runner.js';
import { PROFILES } from '../src/profiles.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { runAgainst } from './helpers.js';
import { serve } from './servers.js';

function engineFor(baseUrl: string, apiKey?: string, retries?: number) {
  return createEngine({ baseUrl, apiKey, retries });
}

describe('request sharing', () => {
  let server: RunningReferenceServer;
  beforeAll(async () => {
    server = await serve(startReferenceServer());
  });

  it('sends each distinct request once per run, however many checks share it', async () => {
    const before = server.requestCount();
    const result = await runAgainst(server.url, { apiKey: server.apiKey });
    const sent = server.requestCount() - before;
    expect(sent).toBe(result.requests);
    // 62 checks, far fewer requests: the list itself is fetched once for all the NG-LIST checks.
    expect(sent).toBeLessThan(result.results.length);
    const urls = new Set(result.results.flatMap((r) => r.evidence.exchanges.map((e) => `${e.request.method} ${e.request.url} ${JSON.stringify(e.request.headers)}`)));
    expect(urls.size).toBeLessThanOrEqual(sent);
  });

  it('appends documented paths to a base URL that has a path of its own', async () => {
    const seen: string[] = [];
    const s = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
    });
    const { engine, close } = engineFor(`${s.url}/proxy/nano/`);
    await engine.exchange({ path: '/api/v1/models', query: { detailed: 'true' } });
    await close();
    await s.close();
    expect(seen).toEqual(['/proxy/nano/api/v1/models?detailed=true']);
  });
});

describe('timeouts', () => {
  it('measure the server, not the wait for a free connection', async () => {
    // One connection, six slow-but-healthy answers of 300 ms each, a 1 s timeout: the last request
    // waits 1.5 s for the connection, which must not count against it.
    const s = await serve((_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 300));
    const { engine, close } = createEngine({ baseUrl: s.url, concurrency: 1, timeoutMs: 1_000, retries: 0 });
    const exchanges = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => engine.exchange({ path: `/slow/${n}` })));
    await close();
    await s.close();
    expect(exchanges.map((ex) => ex.transportError ?? ex.response?.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });
});

describe('429 handling', () => {
  it('retries after Retry-After and records every 429 it met', async () => {
    let n = 0;
    const s = await serve((_req, res) => {
      n++;
      if (n <= 2) res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"code":"rate_limited","message":"Rate limit exceeded"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
    });
    const { engine, close } = engineFor(s.url);
    const ex = await engine.exchange({ path: '/api/v1/models' });
    await close();
    await s.close();
    expect(ex.response?.status).toBe(200);
    expect(ex.rateLimited).toHaveLength(2);
    expect(engine.rateLimitedSoFar()).toHaveLength(2);
    expect(n).toBe(3);
  });

  it('gives up at once when Retry-After exceeds the cap, keeping the 429 as the answer', async () => {
    const s = await serve((_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('slow down'));
    const { engine, close } = engineFor(s.url);
    const ex = await engine.exchange({ path: '/api/v1/models' });
    await close();
    await s.close();
    expect(ex.response?.status).toBe(429);
    expect(s.requests).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryDelayMs('2', 0)).toBe(2000);
    const inFive = new Date(Date.now() + 5_000).toUTCString();
    expect(retryDelayMs(inFive, 0)).toBeGreaterThan(3_000);
    expect(retryDelayMs(undefined, 1)).toBe(1000);
  });
});

describe('keys', () => {
  it('adds the valid key through the header asked for, and shows it redacted', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const { engine, close } = engineFor(s.url, 'sk-secret-value-123456');
    const bearer = await engine.exchange({ path: '/x', auth: { header: 'bearer', key: 'valid' } });
    const xkey = await engine.exchange({ path: '/x', auth: { header: 'x-api-key', key: 'invalid' } });
    await close();
    await s.close();
    expect(s.requests[0]?.headers.authorization).toBe('Bearer sk-secret-value-123456');
    expect(s.requests[1]?.headers['x-api-key']).toBe(INVALID_KEY);
    expect(bearer.request.headers.authorization).toBe(`Bearer ${REDACTED}`);
    expect(bearer.curl).toContain('"Authorization: Bearer $CONFORMANCE_API_KEY"');
    expect(xkey.request.headers['x-api-key']).toBe(INVALID_KEY);
  });

  it('redacts a key in every form a server may echo it', () => {
    const key = 'sk-a/b+c=d "quoted"';
    const r = new Redactor([key]);
    for (const form of [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1), Buffer.from(key).toString('base64')]) {
      expect(r.text(`before ${form} after`)).not.toContain(form.replace(/=+$/, ''));
    }
    expect(r.deep({ a: [{ [key]: key }] })).toEqual({ a: [{ [REDACTED]: REDACTED }] });
  });

  it('redacts whole values wherever a key hides in them, and leaves clean values as they are', () => {
    // Keys with characters JSON escapes (quote, backslash, control) and upper-cased echoes: deep()
    // decides by searching the value's JSON text, so these are the forms that text could hide.
    for (const key of ['sk-a/b+c=d "quoted"', 'sk-back\\slash-1234', 'sk-tab\tand\u0001ctl', 'sk-plain-key-123456']) {
      const r = new Redactor([key]);
      const dirty = { n: 1, ok: true, none: null, list: [{ deep: [`x${key}y`] }, 'clean'], [`h-${key.toUpperCase()}`]: 'v', s: `see ${encodeURIComponent(key)}` };
      const out = JSON.stringify(r.deep(dirty));
      expect(out, key).not.toContain(JSON.stringify(key).slice(1, -1));
      expect(out.toLowerCase(), key).not.toContain(JSON.stringify(key).slice(1, -1).toLowerCase());
      expect(out, key).not.toContain(encodeURIComponent(key));
      expect(r.deep(dirty)).toMatchObject({ n: 1, ok: true, none: null, list: [{ deep: [`x${REDACTED}y`] }, 'clean'], [`h-${REDACTED}`]: 'v' });
      const clean = { n: 1, list: [{ deep: ['nothing secret'] }], other: 'sk-plain-key-12345' };
      expect(r.deep(clean)).toBe(clean);
    }
  });
});

describe('check selection', () => {
  const all = PROFILES.nanogpt!.checks;
  it('takes ids and prefixes, case-insensitively', () => {
    const picked = selectChecks(all, ['ng-sort-0'], ['NG-SORT-08']).map((c) => c.id);
    expect(picked).toEqual(all.map((c) => c.id).filter((id) => /^NG-SORT-0\d$/.test(id) && id !== 'NG-SORT-08'));
    expect(picked).toContain('NG-SORT-01');
    expect(picked).not.toContain('NG-SORT-08');
  });
  it('refuses an unknown selector and lists the valid ones', () => {
    expect(() => selectChecks(all, [], ['NG-NOPE'])).toThrow(UsageError);
    expect(() => selectChecks(all, ['NG-NOPE'], [])).toThrow(/Valid prefixes: NG-LIST, NG-DET, NG-SORT/);
  });
});
