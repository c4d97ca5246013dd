/**
 * Issue 7: against each hostile server the run ends in bounded time and memory, writes its
 * reports, exits non-zero (3 when nothing was reached), gives each affected check a one-line
 * reason naming the cause and the option, prints no stack trace, and never leaks the key.
 * Every server is real, on 127.0.0.1; the CLI runs in-process and, for the worst cases, as a process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { closedPort, serve } from './servers.js';
import {
  drippingServer, endlessServer, fixedBodyServer, garbageServer, gzipBombServer, hangingServer, nestedBody, proxyServer, rateLimitingServer, resettingServer, selfSignedCert, type Hostile,
} from './hostile-servers.js';
import { expectAllErrored, expectOrderly, run, withStatus, type Run } from './hostile-run.js';

describe('transport: slow, silent, endless and broken servers', () => {
  it('a server that accepts the connection and never answers: each check errors at --timeout', async () => {
    const s = await serve(hangingServer());
    const r = await run(s.url, ['--timeout', '300']);
    expect(s.connections()).toBeGreaterThan(0);
    expectAllErrored(r, /no complete response within 300 ms \(--timeout\)$/);
  });

  it('headers, then a body dripped byte by byte: --timeout bounds the whole response, not the gaps', async () => {
    const s = await serve(drippingServer(100));
    const r = await run(s.url, ['--timeout', '700']);
    expect(s.bytesSent()).toBeGreaterThan(3); // headers came and the drip flowed: only the whole deadline stops it
    expectAllErrored(r, /no complete response within 700 ms \(--timeout\)$/);
  });

  it('an endless body is cut at --max-body-size', async () => {
    const s = await serve(endlessServer());
    const r = await run(s.url, ['--max-body-size', '1000000']);
    expectAllErrored(r, /response body exceeded the 1000000-byte limit \(--max-body-size\)$/);
  });

  it('a body declaring 5 GB is refused before it is read', async () => {
    const s = await serve(endlessServer(5_000_000_000));
    const r = await run(s.url);
    expectAllErrored(r, /declares 5000000000 bytes \(Content-Length\), over the 52428800-byte limit \(--max-body-size\)$/);
  });

  it('a gzip bomb is cut at --max-body-size while it inflates', async () => {
    const s = await serve(gzipBombServer(64 * 1024 * 1024));
    const r = await run(s.url, ['--max-body-size', '4194304']);
    expectAllErrored(r, /decoded response body exceeded the 4194304-byte limit \(--max-body-size\)$/);
  });

  it('a connection reset mid-body', async () => {
    const s = await serve(resettingServer());
    const r = await run(s.url);
    expectAllErrored(r, /connection closed by the server before the response was complete$/);
  });

  it('a reply that is not HTTP at all', async () => {
    const s = await serve(garbageServer());
    const r = await run(s.url);
    expectAllErrored(r, /the server sent a malformed HTTP response \(.+\)$/);
  });

  it('connection refused: exit 3, every check says the target is unreachable', async () => {
    const port = await closedPort();
    const r = await run(`http://127.0.0.1:${port}`);
    expectOrderly(r);
    expect(r.code).toBe(3);
    expect(r.report.unreachable).toMatch(/connection refused/);
    for (const c of withStatus(r, 'error')) expect(c.message).toMatch(/^target unreachable: .*connection refused$/);
    expect(r.report.summary.pass + r.report.summary.fail).toBe(0);
  });
});

describe('bodies: invalid, truncated and absurdly deep JSON', () => {
  const expectJsonFail = (r: Run, reason: RegExp) => {
    expectOrderly(r);
    expect(r.code).toBe(1);
    const failed = withStatus(r, 'fail').filter((c) => reason.test(c.message));
    expect(failed.map((c) => c.id)).toContain('NG-LIST-01');
    expect(withStatus(r, 'error').filter((c) => /request failed|--timeout/.test(c.message))).toEqual([]);
  };

  it('invalid JSON is the server at fault: fail', async () => {
    const s = await serve(fixedBodyServer('<html><body>Service temporarily unavailable</body></html>'));
    expectJsonFail(await run(s.url), /the body is not valid JSON \(Unexpected token/);
  });

  it('truncated JSON: fail', async () => {
    const s = await serve(fixedBodyServer('{"object":"list","data":[{"id":"gpt-4o","object":"mo'));
    expectJsonFail(await run(s.url), /the body is not valid JSON \(/);
  });

  it.each([
    ['a bare array nested 1,000,000 deep', nestedBody(1_000_000, true)],
    ['a model list with an item nested 1,000,000 deep', nestedBody(1_000_000)],
    ['a model list with an item nested 5,000 deep', nestedBody(5_000)],
  ])('%s: fail, without blowing the stack', async (_name, body) => {
    const s = await serve(fixedBodyServer(body));
    expectJsonFail(await run(s.url), /the body is JSON nested deeper than 512 levels/);
  });

  it('a list nested 500 deep (under the limit) goes through validation and evidence intact', async () => {
    const s = await serve(fixedBodyServer(nestedBody(500)));
    const r = await run(s.url, ['--only', 'NG-LIST,NG-DET']);
    expectOrderly(r);
    expect(r.report.results.find((c) => c.id === 'NG-LIST-01')?.status).toBe('pass');
  });
});

describe('429 storms', () => {
  it('Retry-After: 3600 ends the retries at once; checks error naming the cap, NG-RATE-01 still judges the bodies', async () => {
    const s = await serve(rateLimitingServer('3600'));
    const r = await run(s.url);
    expect(r.ms).toBeLessThan(20_000); // the requirement is a bound: far from an hour, and below the 30 s cap
    expectOrderly(r);
    expect(r.code).toBe(1);
    const errors = withStatus(r, 'error');
    expect(errors.length).toBeGreaterThan(10);
    for (const c of errors) expect(c.message, c.id).toMatch(/rate limited \(429\); Retry-After 3600 s exceeds the 30 s cap \(--max-retry-wait\); not retried$/);
    expect(s.requests.length).toBe(r.report.requests); // no retries were sent
    const rate = r.report.results.find((c) => c.id === 'NG-RATE-01')!;
    expect(rate.status).toBe('pass');
    expect(rate.message).toBe(`${s.requests.length} 429 answers met, each with a documented body`);
  });

  it('Retry-After: 0 is honoured --retries times, then the check errors', async () => {
    const s = await serve(rateLimitingServer('0'));
    const r = await run(s.url, ['--retries', '2', '--only', 'NG-LIST']);
    expectOrderly(r);
    const distinct = new Set(s.requests.map((h) => `${h.method} ${h.url} ${h.headers.authorization ?? ''} ${h.headers['x-api-key'] ?? ''}`)).size;
    expect(s.requests.length).toBe(3 * distinct);
    for (const c of withStatus(r, 'error')) expect(c.message).toMatch(/rate limited \(429\); gave up after 2 retries \(--retries\)$/);
  });

  it('--max-retry-wait raises the cap', async () => {
    const s = await serve(rateLimitingServer('1'));
    const r = await run(s.url, ['--retries', '1', '--max-retry-wait', '500', '--only', 'NG-LIST-01']);
    expect(withStatus(r, 'error')[0]?.message).toMatch(/Retry-After 1 s exceeds the 0.5 s cap \(--max-retry-wait\)/);
  });
});

describe('TLS', () => {
  let reference: RunningReferenceServer;
  let tlsProxy: Hostile;
  beforeAll(async () => {
    reference = await serve(startReferenceServer());
    tlsProxy = await serve(proxyServer(reference.url, { tls: selfSignedCert() }));
  });

  it('a self-signed certificate: exit 3 with a clear message naming --insecure', async () => {
    const r = await run(tlsProxy.url, [], { CONFORMANCE_API_KEY: reference.apiKey });
    expectOrderly(r);
    expect(r.code).toBe(3);
    expect(r.report.unreachable).toMatch(/TLS certificate rejected \(DEPTH_ZERO_SELF_SIGNED_CERT\); pass --insecure to accept it$/);
    expect(tlsProxy.requests).toEqual([]); // the handshake failed: no request, so no key, went out
  });

  it('with --insecure the checks run (and the reference conforms through the TLS proxy)', async () => {
    const r = await run(tlsProxy.url, ['--insecure'], { CONFORMANCE_API_KEY: reference.apiKey });
    expectOrderly(r);
    expect(r.err).toMatch(/warning: --insecure/);
    expect(r.report.summary.fail + r.report.summary.error).toBe(0);
    expect(r.code).toBe(0);
  });
});

describe('redirects', () => {
  const KEY = 'sk-redirect-test-0123456789abcdef';

  it('to another origin: not followed, the other origin receives nothing, each check errors', async () => {
    const elsewhere = await serve((_req, res) => res.end('{}'));
    const s = await serve((req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}${req.url}` });
      res.end();
    });
    const r = await run(s.url, [], { CONFORMANCE_API_KEY: KEY });
    expect(s.requests.some((h) => h.headers.authorization === `Bearer ${KEY}`)).toBe(true); // the key did go to the base origin
    expect(elsewhere.requests).toEqual([]);
    expectOrderly(r);
    expect(r.code).toBe(1);
    const errors = withStatus(r, 'error');
    expect(errors.length).toBeGreaterThan(10);
    for (const c of errors) {
      expect(c.message).toMatch(new RegExp(`redirected \\(HTTP 302\\) to another origin: http://127\\.0\\.0\\.1:${elsewhere.port}/\\S*; not followed, so no request and no key goes there`));
    }
  });

  it('within the same origin: followed (key kept), the hops recorded', async () => {
    const reference = await serve(startReferenceServer());
    const s = await serve(proxyServer(reference.url, {
      rewrite(req, res) {
        if (req.url?.startsWith('/moved')) return req.url.slice('/moved'.length);
        res.writeHead(301, { location: `/moved${req.url}` });
        res.end();
        return undefined;
      },
    }));
    const r = await run(s.url, ['--only', 'NG-LIST,NG-AUTH'], { CONFORMANCE_API_KEY: reference.apiKey });
    expectOrderly(r);
    expect(r.code).toBe(0);
    expect(s.requests.some((h) => h.url.startsWith('/moved') && h.headers.authorization === `Bearer ${reference.apiKey}`)).toBe(true);
    const ex = r.report.results.find((c) => c.id === 'NG-LIST-01')!.evidence.exchanges[0]!;
    expect(ex.redirects).toEqual(['301 -> /moved/api/v1/models']);
  });

  it('a redirect loop stops after 5 hops', async () => {
    const s = await serve((req, res) => {
      res.writeHead(307, { location: `/loop${req.url}` });
      res.end();
    });
    const r = await run(s.url, ['--only', 'NG-LIST-01']);
    expectOrderly(r);
    // NG-LIST-01 governs every text list; each of its requests is followed 5 hops, then given up.
    const firstHops = s.requests.filter((h) => !h.url.startsWith('/loop')).length;
    expect(firstHops).toBeGreaterThan(1);
    expect(s.requests.length).toBe(6 * firstHops);
    expect(withStatus(r, 'error')[0]?.message).toMatch(/more than 5 redirects \(the last to \/loop\/loop\/loop\/loop\/loop\/loop\/api\/v1\/models\); not followed further$/);
  });
});

describe('politeness: request cap, rate limit, whole-run deadline', () => {
  let reference: RunningReferenceServer;
  beforeAll(async () => {
    reference = await serve(startReferenceServer());
  });

  it.each([[[]], [['--rate-limit', '50']]])('--max-requests 5 %j sends exactly 5 requests', async (extra) => {
    const before = reference.requestCount();
    const r = await run(reference.url, ['--max-requests', '5', ...extra]);
    expect(reference.requestCount() - before).toBe(5);
    expect(r.report.requests).toBe(5);
    expectOrderly(r);
    expect(r.code).toBe(1);
    const capped = withStatus(r, 'error');
    expect(capped.length).toBeGreaterThan(5);
    for (const c of capped) expect(c.message).toMatch(/request cap of 5 per run reached \(--max-requests\); request not sent$/);
  });

  it('--rate-limit 20 spaces 10 requests over at least 450 ms', async () => {
    const s = await serve(proxyServer(reference.url));
    const t0 = Date.now();
    await run(s.url, ['--rate-limit', '20', '--max-requests', '10']);
    expect(s.requests.length).toBe(10);
    // 9 intervals of 50 ms: a lower bound, which a slow machine can only make longer.
    expect(s.requests[9]!.at - t0).toBeGreaterThanOrEqual(450);
  });

  it('--concurrency 2 opens at most 2 connections', async () => {
    const s = await serve(proxyServer(reference.url, { delayMs: 50 }));
    const r = await run(s.url, ['--concurrency', '2', '--only', 'NG-LIST,NG-SORT']);
    expect(r.code).toBe(0);
    expect(s.requests.length).toBeGreaterThan(4);
    expect(s.peakConnections()).toBeLessThanOrEqual(2);
  });

  it('--max-time bounds the whole run against a server that takes 2 s per answer', async () => {
    const s = await serve(proxyServer(reference.url, { delayMs: 2_000 }));
    const r = await run(s.url, ['--max-time', '3000']);
    expect(r.ms).toBeLessThan(8_000); // the requirement is the bound: 3 s plus slack
    expectOrderly(r);
    expect(r.code).toBe(1);
    const late = withStatus(r, 'error');
    expect(late.length).toBeGreaterThan(5);
    for (const c of late) expect(c.message).toMatch(/the run exceeded its time budget \(--max-time\)/);
  });
});
