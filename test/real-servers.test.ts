/**
 * The openai profile against real OpenAI-compatible servers that nobody here wrote:
 *  - @dwmkerr/mock-llm (from the npm registry), started as its own process on 127.0.0.1;
 *  - llama.cpp's llama-server, replayed byte for byte from the captures in
 *    test/fixtures/real/llama-server/ (status, headers and body as recorded).
 * The expected verdicts, and why each is right, are in docs/real-servers.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli.js';
import type { RunResult } from '../src/core/types.js';
import { runAgainst } from './helpers.js';
import { closedPort, serve, type TestServer } from './servers.js';
import { FIXTURES_DIR } from './paths.js';

const CAPTURES = path.join(FIXTURES_DIR, 'llama-server');

const verdicts = (r: RunResult) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));

async function autoChoice(url: string, env: Record<string, string> = {}): Promise<string> {
  let err = '';
  await runCli(['run', url, '--profile', 'auto', '--quiet'], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, env });
  return /--profile auto chose (.*)/.exec(err)?.[1] ?? err;
}

// ---------------------------------------------------------------------------------------------
// @dwmkerr/mock-llm, default configuration, as a separate process

interface MockLlm {
  url: string;
  stop(): Promise<void>;
}

/** Starts the installed mock-llm bin on 127.0.0.1 (HOST/PORT are its documented variables), waiting for its ready line. */
async function startMockLlm(): Promise<MockLlm> {
  const main = createRequire(import.meta.url).resolve('@dwmkerr/mock-llm/dist/main.js');
  // An empty working directory: no mock-llm.yaml is picked up, so the package's default rules apply.
  const cwd = mkdtempSync(path.join(tmpdir(), 'mock-llm-'));
  for (let attempt = 1; ; attempt++) {
    const port = await closedPort();
    const child = spawn(process.execPath, [main], { cwd, env: { HOST: '127.0.0.1', PORT: String(port), PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = await new Promise<boolean>((resolve) => {
      let out = '';
      const timer = setTimeout(() => resolve(false), 20_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(`server running on 127.0.0.1:${port}`)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child, cwd) };
    await stopChild(child, cwd, attempt >= 3);
    if (attempt >= 3) throw new Error('mock-llm did not start (3 attempts)');
  }
}

async function stopChild(child: ChildProcess, cwd: string, removeDir = true): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (removeDir) rmSync(cwd, { recursive: true, force: true });
}

describe('@dwmkerr/mock-llm 0.1.29 (npm), default configuration', () => {
  let mock: MockLlm;
  beforeAll(async () => {
    mock = await startMockLlm();
  }, 60_000);
  afterAll(() => mock?.stop());

  it('without a key: the list shape passes, the missing created fails OAI-LIST-03, retrieve answers the list, the key checks skip', async () => {
    const result = await runAgainst(mock.url, { profile: 'openai' });
    expect(verdicts(result)).toEqual({
      'OAI-LIST-01': 'pass', 'OAI-LIST-02': 'pass', 'OAI-LIST-03': 'fail', 'OAI-LIST-04': 'pass', 'OAI-LIST-05': 'pass', 'OAI-LIST-06': 'pass',
      'OAI-AUTH-01': 'skip', 'OAI-AUTH-02': 'skip', 'OAI-ERR-01': 'skip', 'OAI-ERR-02': 'skip',
      'OAI-LIST-07': 'pass', 'OAI-LIST-08': 'pass',
      'OAI-GET-01': 'fail', 'OAI-GET-02': 'skip', 'OAI-GET-03': 'fail',
    });
    expect(result.results.find((r) => r.id === 'OAI-LIST-03')?.message).toBe('/data/0 (gpt-5.2) has no "created"');
    // GET /v1/models/{model} answers the whole list, for a listed id and an unknown one alike.
    expect(result.results.find((r) => r.id === 'OAI-GET-01')?.message).toMatch(/^\/v1\/models\/gpt-5.2: \/ must have required property 'id'/);
    expect(result.results.find((r) => r.id === 'OAI-GET-03')?.message).toMatch(/answered HTTP 200/);
  });

  it('with a key: it serves everyone, so the key checks fail (it has no auth to enforce)', async () => {
    const result = await runAgainst(mock.url, { profile: 'openai', apiKey: 'sk-mock-llm-ignores-keys' });
    expect(verdicts(result)).toMatchObject({ 'OAI-AUTH-01': 'fail', 'OAI-AUTH-02': 'fail', 'OAI-ERR-01': 'skip', 'OAI-ERR-02': 'skip', 'OAI-LIST-03': 'fail' });
  });

  it('--profile auto chooses openai (its /api/v1/models answers too, but without NanoGPT pricing)', async () => {
    expect(await autoChoice(mock.url)).toMatch(/^openai: GET \/v1\/models answers a list/);
  });
});

// ---------------------------------------------------------------------------------------------
// llama-server captures, replayed

interface Capture {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

function capture(name: string): Capture {
  const lines = readFileSync(path.join(CAPTURES, `${name}.headers.txt`), 'latin1').split('\r\n');
  const [, status, ...reason] = (lines[0] ?? '').split(' ');
  // Transport-level headers are the replay server's own business; everything else is replayed as captured.
  const headers = lines.slice(1).filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string])
    .filter(([k]) => !/^(content-length|keep-alive|connection)$/i.test(k));
  const bodyFile = path.join(CAPTURES, `${name}.body.json`);
  return { status: Number(status), reason: reason.join(' '), headers, body: existsSync(bodyFile) ? readFileSync(bodyFile, 'utf8') : '' };
}

/** Which capture answers a request, for server A (no --api-key) or B (--api-key sk-test). */
function pick(mode: 'A' | 'B', method: string, pathname: string, search: string, auth: string | undefined): string {
  const bearer = auth?.replace(/^Bearer\s+/i, '');
  if (method === 'OPTIONS') return mode === 'A' ? 'nokey__options-v1-models__cors' : 'apikey__options-v1-models__cors';
  if (pathname === '/v1/models' && mode === 'A') return search === '?detailed=true' ? 'nokey__get-v1-models-detailed-true' : auth ? 'nokey__get-v1-models__bearer-wrong' : 'nokey__get-v1-models';
  if (pathname === '/v1/models') return !auth ? 'apikey__get-v1-models__no-key' : bearer === 'sk-test' ? 'apikey__get-v1-models__bearer-right' : 'apikey__get-v1-models__bearer-wrong';
  if (pathname === '/models') return mode === 'A' ? 'nokey__get-models' : 'apikey__get-models__no-key';
  // Any other path: llama-server's 404 (captured for /v1/models/<id>, which has no route either).
  return 'nokey__get-v1-models-by-id';
}

async function replay(mode: 'A' | 'B'): Promise<TestServer> {
  return serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay.invalid');
    const c = capture(pick(mode, req.method ?? 'GET', url.pathname, url.search, req.headers.authorization));
    res.sendDate = false; // the captures have no Date header
    res.writeHead(c.status, c.reason, [...c.headers.flat(), 'Content-Length', String(Buffer.byteLength(c.body))]);
    res.end(c.body);
  });
}

describe('llama-server (llama.cpp b10470) captures, replayed', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await replay('A');
    b = await replay('B');
  });

  // created is the capture time (2026-11-22 01:36 UTC): a clock more than a day behind it would see the future.
  const created = JSON.parse(capture('nokey__get-v1-models').body).data[0].created as number;
  const listOk = Date.now() / 1000 + 86_400 >= created ? 'pass' : 'fail';
  const LIST = { 'OAI-LIST-01': 'pass', 'OAI-LIST-02': 'pass', 'OAI-LIST-03': 'pass', 'OAI-LIST-04': listOk, 'OAI-LIST-05': 'pass', 'OAI-LIST-06': 'pass', 'OAI-LIST-07': 'pass', 'OAI-LIST-08': 'pass' };
  // llama-server has no /v1/models/{model} route: the listed id is not found (404 in its error envelope, which GET-03 accepts).
  const RETRIEVE = { 'OAI-GET-01': 'fail', 'OAI-GET-02': 'skip', 'OAI-GET-03': 'pass' };

  it('replays the captures byte for byte', async () => {
    const res = await fetch(`${b.url}/v1/models`);
    expect(res.status).toBe(200);
    expect(res.headers.get('server')).toBe('llama.cpp');
    expect(await res.text()).toBe(readFileSync(path.join(CAPTURES, 'apikey__get-v1-models__no-key.body.json'), 'utf8'));
  });

  it('server A (no --api-key), no key: the list conforms, retrieve fails (no route), the key checks skip', async () => {
    const result = await runAgainst(a.url, { profile: 'openai' });
    expect(verdicts(result)).toEqual({ ...LIST, ...RETRIEVE, 'OAI-AUTH-01': 'skip', 'OAI-AUTH-02': 'skip', 'OAI-ERR-01': 'skip', 'OAI-ERR-02': 'skip' });
  });

  it('server B (--api-key sk-test), no key: the list is public, so it looks like A', async () => {
    const result = await runAgainst(b.url, { profile: 'openai' });
    expect(verdicts(result)).toEqual({ ...LIST, ...RETRIEVE, 'OAI-AUTH-01': 'skip', 'OAI-AUTH-02': 'skip', 'OAI-ERR-01': 'skip', 'OAI-ERR-02': 'skip' });
  });

  it('server B with its key: /v1/models answers 200 to no key and to a wrong key, failing OAI-AUTH-01/02', async () => {
    const result = await runAgainst(b.url, { profile: 'openai', apiKey: 'sk-test' });
    expect(verdicts(result)).toEqual({ ...LIST, ...RETRIEVE, 'OAI-AUTH-01': 'fail', 'OAI-AUTH-02': 'fail', 'OAI-ERR-01': 'skip', 'OAI-ERR-02': 'skip' });
    expect(JSON.stringify(result)).not.toContain('sk-test');
  });

  it('--profile auto chooses openai', async () => {
    expect(await autoChoice(b.url, { CONFORMANCE_API_KEY: 'sk-test' })).toMatch(/^openai: /);
  });
});
