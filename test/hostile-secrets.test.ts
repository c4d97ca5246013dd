/**
 * Hostile servers, part two: a server that echoes the key everywhere never gets it printed, and
 * the built bin, as a real process, ends by itself in bounded time and memory against the worst
 * servers (test/hostile.test.ts has the transport, body, 429, TLS, redirect and politeness cases).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli.js';
import { startReferenceServer } from '../src/reference/server.js';
import type { RunResult } from '../src/core/types.js';
import { closedPort, serve } from './servers.js';
import { drippingServer, endlessServer, fixedBodyServer, hangingServer, nestedBody, rateLimitingServer, resettingServer, selfSignedCert } from './hostile-servers.js';
import { STACK, reportFile, run, spawnRun } from './hostile-run.js';

describe('secrets', () => {
  const KEY = 'sk-live-Echo-Me-If-You-Can-0123456789';
  const forms = [KEY, KEY.toLowerCase(), encodeURIComponent(KEY), Buffer.from(KEY).toString('base64').replace(/=+$/, '')];

  it('a server echoing the key everywhere (headers, header names, bodies, redirects, 429s, parse errors) never gets it printed', async () => {
    const elsewhere = await serve((_req, res) => res.end('{}'));
    const s = await serve((req, res) => {
      // Echoes the key it was sent; requests sent without one get it anyway, as if leaked server-side.
      const auth = String(req.headers.authorization ?? req.headers['x-api-key'] ?? KEY);
      const key = auth.replace(/^Bearer\s*/, '') || KEY;
      const url = new URL(req.url ?? '/', 'http://x');
      const headers = { 'x-echo': auth, [key.length > 8 ? key : 'x-short']: 'echo', 'x-b64': Buffer.from(key).toString('base64'), 'content-type': 'application/json' };
      if (url.searchParams.get('sort') === 'favorites') {
        res.writeHead(302, { ...headers, location: `${elsewhere.url}/steal?k=${encodeURIComponent(key)}` });
        return res.end();
      }
      if (url.searchParams.get('sort') === 'mostused') {
        res.writeHead(302, { ...headers, location: `http://${key}.attacker.invalid/` });
        return res.end();
      }
      if (url.pathname.includes('image')) {
        res.writeHead(429, { ...headers, 'retry-after': '3600' });
        return res.end(JSON.stringify({ code: 'rate_limited', message: `slow down, ${key}` }));
      }
      if (url.pathname.includes('personalized')) {
        res.writeHead(200, headers);
        return res.end(`${key} is not JSON`); // JSON.parse quotes the start of the body in its message
      }
      res.writeHead(200, headers);
      const escaped = key.replace(/^s/, '\\u0073'); // the key only appears once the JSON is parsed
      res.end(`{"object":"list","data":[{"id":"${escaped}","object":"model","created":"${key}","owned_by":"${key}"}],"echo":"${key}"}`);
    });
    const file = reportFile();
    let out = '';
    let err = '';
    const io = { stdout: { write: (x: string) => (out += x) }, stderr: { write: (x: string) => (err += x) }, env: { CONFORMANCE_API_KEY: KEY } };
    const code = await runCli(['run', s.url, '--json', file, '--no-color'], io);
    // The key really went out and came back, so the test means something ...
    expect(s.requests.some((h) => h.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(s.requests.some((h) => h.headers['x-api-key'] === KEY)).toBe(true);
    expect(elsewhere.requests).toEqual([]);
    const report = readFileSync(file, 'utf8');
    expect(report).toContain('[REDACTED]');
    expect(out).toMatch(/redirected \(HTTP 302\) to another origin: http:\/\/\[REDACTED\]\.attacker\.invalid\//);
    expect(code).toBe(1);
    // ... and none of its forms is anywhere we write.
    for (const text of [out, err, report]) for (const form of forms) expect(text).not.toContain(form);
  });

  it('a key in an exception message (an unwritable report path) is redacted too', async () => {
    let err = '';
    const io = { stdout: { write: () => true }, stderr: { write: (x: string) => (err += x) }, env: { CONFORMANCE_API_KEY: KEY } };
    const reference = await serve(startReferenceServer());
    // Report folders are created, so the unwritable path runs through a plain file (root can write anywhere else).
    const aFile = path.join(mkdtempSync(path.join(tmpdir(), 'conformance-unwritable-')), 'a-file');
    writeFileSync(aFile, '');
    const code = await runCli(['run', reference.url, '--only', 'NG-LIST-01', '--json', `${aFile}/${KEY}/run.json`], io);
    expect(code).toBe(2);
    expect(err).toContain(`cannot write ${aFile}/[REDACTED]/run.json`);
    expect(err).not.toContain(KEY);
  });
});

describe('the real executable against the worst servers', () => {
  const measured: string[] = [];
  afterAll(() => console.log(`hostile runs as a process:\n  ${measured.join('\n  ')}`));

  it.each<[string, () => Promise<{ url: string }>, string[], number, RegExp]>([
    ['never answers', () => serve(hangingServer()), ['--timeout', '1000'], 1, /no complete response within 1000 ms/],
    ['drips a byte a second', () => serve(drippingServer(1_000)), ['--timeout', '2500'], 1, /no complete response within 2500 ms/],
    ['endless body (default 50 MiB cap)', () => serve(endlessServer()), [], 1, /exceeded the 52428800-byte limit/],
    ['claims a 5 GB body', () => serve(endlessServer(5_000_000_000)), [], 1, /declares 5000000000 bytes/],
    ['resets mid-body', () => serve(resettingServer()), [], 1, /connection closed by the server/],
    ['nests 1,000,000 deep', () => serve(fixedBodyServer(nestedBody(1_000_000, true))), [], 1, /nested deeper than 512 levels/],
    ['429s with Retry-After: 3600', () => serve(rateLimitingServer('3600')), [], 1, /Retry-After 3600 s exceeds the 30 s cap/],
    ['refuses connections', async () => ({ url: `http://127.0.0.1:${await closedPort()}` }), [], 3, /connection refused/],
    ['self-signed TLS', () => serve((_q, res) => res.end('{}'), { tls: selfSignedCert() }), [], 3, /TLS certificate rejected/],
  ])('%s', async (name, start, args, exit, reason) => {
    const { url } = await start();
    const r = await spawnRun([url, ...args], 40_000);
    expect(r.signal, 'killed after 40 s: the process did not exit by itself').toBeNull();
    measured.push(`${name.padEnd(36)} exit ${r.code}  ${(r.ms / 1000).toFixed(1)} s  peak RSS ${r.rssMB.toFixed(0)} MB`);
    expect(r.code).toBe(exit);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/unexpected error|Error:/);
    expect(r.stdout).toMatch(reason);
    expect(r.report?.results.some((c) => reason.test(c.message) || reason.test(r.report?.unreachable ?? ''))).toBe(true);
    expect(r.rssMB).toBeLessThan(400); // bounded memory: far below the bodies on offer
  }, 60_000);
});
