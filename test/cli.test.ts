/** The CLI, in-process (runCli) and as a real process (the built bin), against real local servers. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli.js';
import { binPath, cli } from './helpers.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import type { RunResult } from '../src/core/types.js';
import { closedPort, echoingHandler, serve } from './servers.js';

const execFileP = promisify(execFile);
const BIN = binPath();



describe('usage errors exit 2 with a message that names the fix', () => {
  it.each([
    [['run'], /missing <base-url>/],
    [['run', 'not a url'], /is not a URL/],
    [['run', 'ftp://127.0.0.1/'], /http:\/\/ or https:\/\//],
    [['run', 'http://user:pw@127.0.0.1/'], /CONFORMANCE_API_KEY/],
    [['run', 'http://127.0.0.1:1', '--profile', 'nope'], /unknown profile "nope". Choose one of: nanogpt/],
    [['run', 'http://127.0.0.1:1', '--only', 'NG-NOPE'], /unknown check id or prefix "NG-NOPE". Valid prefixes: NG-LIST, NG-DET/],
    [['run', 'http://127.0.0.1:1', '--timeout', 'soon'], /--timeout takes a whole number/],
    [['run', 'http://127.0.0.1:1', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j', async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('list', () => {
  it('prints the catalogue as text and as JSON without touching the network', async () => {
    const text = await cli(['list']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/NG-SORT-03\s+MUST\s+sort=favorites without a key falls back/);
    expect(text.out).toMatch(/\d+ checks: \d+ MUST, \d+ SHOULD, \d+ MAY/);
    const json = await cli(['list', '--json']);
    const parsed = JSON.parse(json.out) as { checks: { id: string; reference: { quote: string } }[] };
    expect(parsed.checks.find((c) => c.id === 'NG-SORT-06')?.reference.quote).toBe('Invalid sort values are ignored.');
  });
});

describe('run, in-process', () => {
  let reference: RunningReferenceServer;
  let broken: RunningReferenceServer;
  beforeAll(async () => {
    reference = await serve(startReferenceServer());
    broken = await serve(startReferenceServer({ breaks: ['created-ms', 'pricing-missing-some'] }));
  });

  it('exits 0 on the reference and writes a complete JSON report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-'));
    const file = path.join(dir, 'run.json');
    const { code, out } = await cli(['run', reference.url, '--json', file], { CONFORMANCE_API_KEY: reference.apiKey });
    expect(code).toBe(0);
    expect(out).toMatch(/Verdict: CONFORMS/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
    expect(report.tool.name).toBe('conformance');
    expect(report.profile).toBe('nanogpt');
    expect(report.summary.fail).toBe(0);
    expect(report.summary.total).toBe(report.results.length);
    for (const r of report.results) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'title', 'level', 'status', 'reference', 'message', 'evidence']));
    expect(JSON.stringify(report)).not.toContain(reference.apiKey);
  });

  it('exits 1 when a MUST check fails, and shows Expected / Received / the request / a curl', async () => {
    const { code, out } = await cli(['run', broken.url, '--only', 'NG-LIST', '--no-color']);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ NG-LIST-04/);
    expect(out).toMatch(/Expected: seconds since 1970/);
    expect(out).toMatch(/Received: \d{13}/);
    expect(out).toMatch(/Request: {2}GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models/);
    expect(out).toMatch(/Reproduce: curl -sS -i 'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models'/);
    expect(out).toMatch(/Verdict: DOES NOT CONFORM/);
  });

  it('exits 0 on a SHOULD failure, and 1 with --strict', async () => {
    const lenient = await cli(['run', broken.url, '--only', 'NG-LIST-01,NG-DET-09']);
    expect(lenient.out).toMatch(/✗ NG-DET-09/);
    expect(lenient.code).toBe(0);
    const strict = await cli(['run', broken.url, '--only', 'NG-DET-09', '--strict']);
    expect(strict.code).toBe(1);
  });

  it('exits 4 (INCONCLUSIVE) when the run decided no gating check: SHOULD checks alone gate nothing without --strict', async () => {
    const alone = await cli(['run', broken.url, '--only', 'NG-DET-09']);
    expect(alone.code).toBe(4);
    expect(alone.out).toMatch(/Verdict: INCONCLUSIVE — no MUST check was decided: every one was skipped/);
  });

  it('skips the checks that need a key when none is given, saying how to give one', async () => {
    const { code, out } = await cli(['run', reference.url, '--only', 'NG-AUTH']);
    expect(code).toBe(0);
    expect(out).toMatch(/skipped: needs a valid key: set CONFORMANCE_API_KEY/);
  });

  it('exits 3 when nothing listens at the target', async () => {
    const port = await closedPort();
    const { code, out } = await cli(['run', `http://127.0.0.1:${port}`]);
    expect(code).toBe(3);
    expect(out).toMatch(/target unreachable: .*connection refused/);
    expect(out).toMatch(/Verdict: UNREACHABLE/);
  });

  it('warns that --api-key shows in process lists, and still redacts it', async () => {
    const { err, out } = await cli(['run', reference.url, '--only', 'NG-AUTH-04', '--api-key', reference.apiKey]);
    expect(err).toMatch(/--api-key shows in process lists/);
    expect(out).toMatch(/✓ NG-AUTH-04/);
    expect(out + err).not.toContain(reference.apiKey);
  });
});

describe('secrets', () => {
  it('never prints or reports a key, even when the server echoes it in headers and body', async () => {
    const secret = 'sk-live-Very-Secret-0123456789';
    const echo = await serve(echoingHandler);
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-'));
    const file = path.join(dir, 'run.json');
    const { out, err } = await cli(['run', echo.url, '--json', file, '--no-color'], { CONFORMANCE_API_KEY: secret });
    // The key really was sent (so the test means something) ...
    expect(echo.requests.some((r) => r.headers.authorization === `Bearer ${secret}`)).toBe(true);
    expect(echo.requests.some((r) => r.headers['x-api-key'] === secret)).toBe(true);
    // ... the server echoed it, and it appears nowhere we write.
    const report = readFileSync(file, 'utf8');
    for (const text of [out, err, report]) expect(text).not.toContain(secret);
    expect(report).toContain('[REDACTED]');
  });
});

describe('server text in the terminal', () => {
  it('cannot drive the terminal: escape sequences and carriage returns are shown, not obeyed', async () => {
    const evil = await serve((_req, res) => {
      // Raw control bytes: not valid JSON, so they reach the report through the response excerpt.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list\u001b[2J\r","data":[{"id":"x\u001b]0;pwned\u0007"}]}');
    });
    const { out, code } = await cli(['run', evil.url, '--only', 'NG-LIST-02,NG-LIST-06', '--no-color']);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ NG-LIST-02/);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\r');
    expect(out).toContain('\\u001b[2J');
  });
});

describe('the real executable', () => {
  it('is built', () => {
    expect(existsSync(BIN), `${BIN} missing: npm test builds it first`).toBe(true);
  });

  it('runs directly, as npx and the shell run it (executable, with its shebang), after any rebuild', async () => {
    const { stdout } = await execFileP(BIN, ['--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('still runs from the path the bin had before the launcher (links such as npx caches point there)', async () => {
    const old = path.join(path.dirname(BIN), 'main.js');
    const { stdout } = await execFileP(old, ['--version']);
    expect(stdout.trim()).toBe((await execFileP(BIN, ['--version'])).stdout.trim());
    const run = await execFileP(old, ['run', '--reference', '--json', '-'], { timeout: 60_000 });
    expect((JSON.parse(run.stdout) as RunResult).summary).toMatchObject({ pass: 64, fail: 0, error: 0 });
  });

  it('runs the embedded reference and prints JSON on stdout', async () => {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, 'run', '--reference', '--json', '-'], { timeout: 60_000 });
    const report = JSON.parse(stdout) as RunResult;
    expect(report.summary.fail).toBe(0);
    expect(report.summary.error).toBe(0);
    expect(report.summary.pass).toBeGreaterThan(50);
    expect(stderr).toMatch(/Verdict: CONFORMS/);
  });

  it('exits 1 against a broken server and 2 on a usage error', async () => {
    const broken = await serve(startReferenceServer({ breaks: ['duplicate-id'] }));
    const run = await execFileP(process.execPath, [BIN, 'run', broken.url, '--only', 'NG-LIST-06']).then(() => 0, (e: { code: number }) => e.code);
    expect(run).toBe(1);
    const usage = await execFileP(process.execPath, [BIN, 'run']).then(() => 0, (e: { code: number; stderr: string }) => e.code);
    expect(usage).toBe(2);
  });

  it('loads every lazily loaded part from the bundle: report writers, GitHub output, baseline, other profiles', async () => {
    // These parts are imported only when asked for; in the bundle they are separate lazy modules,
    // which an in-process test (importing src/) never exercises.
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-lazy-'));
    const file = (name: string) => path.join(dir, name);
    writeFileSync(file('summary.md'), '');
    const env = { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: file('summary.md') };
    const args = ['run', '--reference', '--junit', file('r.xml'), '--html', file('r.html'), '--markdown', file('r.md'), '--baseline', file('baseline.json'), '--update-baseline'];
    const { stdout } = await execFileP(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    expect(stdout).toMatch(/Verdict: CONFORMS/);
    expect(readFileSync(file('r.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites[\s\S]*NG-LIST-01/);
    expect(readFileSync(file('r.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*NG-LIST-01/i);
    expect(readFileSync(file('r.md'), 'utf8')).toContain('NG-');
    expect(readFileSync(file('summary.md'), 'utf8')).toBe(`${readFileSync(file('r.md'), 'utf8')}\n`);
    expect(JSON.parse(readFileSync(file('baseline.json'), 'utf8'))).toMatchObject({ profile: 'nanogpt' });
    for (const profile of ['codex-lb', 'openai']) {
      const other = await execFileP(process.execPath, [BIN, 'run', '--reference', '--profile', profile, '--json', '-'], { timeout: 60_000 });
      const report = JSON.parse(other.stdout) as RunResult;
      expect([report.profile, report.summary.fail, report.summary.error]).toEqual([profile, 0, 0]);
    }
    const list = await execFileP(process.execPath, [BIN, 'list', '--profile', 'openai', '--json']);
    expect((JSON.parse(list.stdout) as { checks: unknown[] }).checks.length).toBeGreaterThan(5);
  });

  it('serves the reference server until signalled', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${buf}`)));
    });
    const res = await fetch(`${url}/api/v1/models`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
