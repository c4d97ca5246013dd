/** The CLI as a new user meets it: help, report paths, pasted base URLs, extra headers, ports, colour, the JSON document. */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { startOpenAiReferenceServer } from '../src/reference/openai-server.js';
import type { RunResult } from '../src/core/types.js';
import { serve } from './servers.js';


let ref: RunningReferenceServer;
const tmp = mkdtempSync(path.join(tmpdir(), 'conformance-adopt-'));
beforeAll(async () => {
  ref = await serve(startReferenceServer());
});

describe('help', () => {
  it.each(['run', 'list', 'serve', 'schema'])('%s --help exits 0 with that command\'s usage', async (command) => {
    const { code, out, err } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(new RegExp(`Usage:\\s+conformance ${command}`));
  });

  it('run --help lists --header', async () => {
    expect((await cli(['run', '-h'])).out).toContain("--header 'Name: value'");
  });
});

describe('report paths', () => {
  it('creates every report folder, and the JSON report carries the verdict and a schema version', async () => {
    const dir = path.join(tmp, 'deep', 'er');
    const files = { json: path.join(dir, 'j', 'run.json'), junit: path.join(dir, 'x', 'junit.xml'), html: path.join(dir, 'h', 'r.html'), markdown: path.join(dir, 'm', 's.md') };
    const { code } = await cli(['run', ref.url, '--only', 'NG-LIST', ...Object.entries(files).flatMap(([k, f]) => [`--${k}`, f])]);
    expect(code).toBe(0);
    for (const f of Object.values(files)) expect(readFileSync(f, 'utf8').length).toBeGreaterThan(100);
    const report = JSON.parse(readFileSync(files.json, 'utf8')) as RunResult & { schemaVersion: number };
    expect(report.schemaVersion).toBe(1);
    expect(report.verdict.headline).toBe('CONFORMS');
  });

  it('refuses an unwritable report path before the first request', async () => {
    const server = await serve((_req, res) => res.end('{}'));
    const aDirectory = path.join(tmp, 'is-a-dir');
    mkdirSync(aDirectory, { recursive: true });
    const { code, err } = await cli(['run', server.url, '--html', aDirectory]);
    expect(code).toBe(2);
    expect(err).toContain(`cannot write ${aDirectory}: it is a directory`);
    const blocked = path.join(tmp, 'file-not-dir');
    await cli(['run', ref.url, '--only', 'NG-LIST-01', '--json', blocked]); // a file where a folder would go
    const under = await cli(['run', server.url, '--junit', path.join(blocked, 'junit.xml')]);
    expect(under.code).toBe(2);
    expect(under.err).toMatch(/cannot write .*junit\.xml/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('a base URL that already ends in the documented prefix', () => {
  it.each(['/api/v1/models', '/api/v1', '/api/v1/'])('nanogpt: %s is trimmed, and the run says so', async (suffix) => {
    const { code, err, out } = await cli(['run', `${ref.url}${suffix}`, '--only', 'NG-LIST']);
    expect(err).toContain(`the base URL ends in ${suffix.replace(/\/$/, '')}, which the nanogpt profile's paths already start with: using ${ref.url}`);
    expect(out).toContain(`profile nanogpt · ${ref.url}\n`);
    expect(code).toBe(0);
  });

  it('openai: the SDK base URL …/v1 is trimmed', async () => {
    const openai = await serve(startOpenAiReferenceServer({ port: 0 }));
    const { code, err } = await cli(['run', `${openai.url}/v1`, '--profile', 'openai'], { CONFORMANCE_API_KEY: openai.apiKey });
    expect(err).toContain(`the base URL ends in /v1, which the openai profile's paths already start with: using ${openai.url}`);
    expect(code).toBe(0);
  });
});

describe('--header', () => {
  it('sends each header on every request; values from CONFORMANCE_HEADERS are redacted like keys', async () => {
    const secret = 'portkey-secret-value-4711';
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [], seen: secret }));
    });
    const { code, out, err } = await cli(
      ['run', server.url, '--only', 'NG-LIST-01', '--header', 'X-Org: acme', '--header', 'x-trace:  t1 ', '--json', '-'],
      { CONFORMANCE_HEADERS: `x-portkey-api-key: ${secret}\nx-portkey-provider: openai` },
    );
    expect(code, err).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    for (const r of server.requests) {
      expect(r.headers['x-org']).toBe('acme');
      expect(r.headers['x-trace']).toBe('t1');
      expect(r.headers['x-portkey-api-key']).toBe(secret);
      expect(r.headers['x-portkey-provider']).toBe('openai');
    }
    expect(`${out}${err}`).not.toContain(secret);
    const report = JSON.parse(out) as RunResult;
    const sent = report.results[0]!.evidence.exchanges[0]!;
    expect(sent.request.headers['x-org']).toBe('acme');
    expect(sent.request.headers['x-portkey-api-key']).toBe('[REDACTED]');
    expect(sent.curl).toContain("-H 'x-org: acme'");
  });

  it.each([
    [['--header', 'no colon here'], /--header takes 'Name: value'/],
    [['--header', 'Authorization: Bearer x'], /not allowed, pass the key in CONFORMANCE_API_KEY/],
    [['--header', 'bad name: v'], /not a valid header name/],
  ])('%j is refused with exit 2', async (args, message) => {
    const { code, err } = await cli(['run', 'http://127.0.0.1:1', ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('serve: ports', () => {
  it('a busy port is a usage error that names the fix', async () => {
    const { code, err } = await cli(['serve', '--port', String(ref.port)]);
    expect(code).toBe(2);
    expect(err).toContain(`port ${ref.port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for a free one`);
  });

  it.each(['70000', '-1', 'http'])('--port=%s is refused', async (port) => {
    const { code, err } = await cli(['serve', `--port=${port}`]);
    expect(code).toBe(2);
    expect(err).toMatch(/--port takes/);
  });
});

describe('colour', () => {
  const ANSI = '\u001b[';
  const run = (env: Record<string, string>, tty: boolean) => cli(['run', ref.url, '--only', 'NG-LIST-01', '--quiet'], env, { stdout: tty, stderr: false });
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
  ])('%j on a TTY=%s: colour %s', async (env, tty, coloured) => {
    const { out } = await run(env, tty);
    expect(out.includes(ANSI)).toBe(coloured);
  });
});
