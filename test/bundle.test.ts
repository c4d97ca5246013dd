/**
 * The shipped executable as a real process: the launcher package.json names, the bundled CLI it
 * loads, the V8 code cache the build wrote for it, and what a plain run loads. The cache only
 * makes a run start sooner: these tests prove it is used when it fits, never used when it was
 * made for other bytes, and that a run is the same whichever way the bundle was compiled.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import type { RunResult } from '../src/core/types.js';
import { binPath } from './helpers.js';

const BIN = binPath();
const CLI_DIR = path.dirname(BIN);
const BUNDLE = path.join(CLI_DIR, 'conformance.cjs');
const CACHE = `${BUNDLE}.v8cache`;
const DEBUG = { CONFORMANCE_DEBUG_CODE_CACHE: '1' };

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], opts: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(opts.nodeArgs ?? []), bin, ...args],
      // NODE_OPTIONS passes through: the build's training run made the cache under its V8 flags.
      { env: { PATH: process.env.PATH, NODE_OPTIONS: process.env.NODE_OPTIONS, ...opts.env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const cacheLine = (stderr: string) => /conformance: code cache (.*)/.exec(stderr)?.[1];

/** The verdicts of a run: id and status of every check. */
function verdicts(json: string): string[] {
  return (JSON.parse(json) as RunResult).results.map((r) => `${r.id} ${r.status}`);
}

describe('the bundled executable', () => {
  let ref: RunningReferenceServer;
  beforeAll(async () => {
    ref = await startReferenceServer({ port: 0 });
  });
  afterAll(async () => {
    await ref.close();
  });

  it('is the launcher package.json names; it loads the bundle through the cache the build wrote', async () => {
    expect(existsSync(BUNDLE), `${BUNDLE} missing: npm run build writes it`).toBe(true);
    expect(existsSync(CACHE), `${CACHE} missing: the build's training run writes it`).toBe(true);
    const version = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version as string;
    const r = await run(BIN, ['--version'], { env: DEBUG });
    expect(r.stdout.trim()).toBe(version);
    expect(cacheLine(r.stderr)).toBe('accepted');
    // Quiet unless asked.
    expect((await run(BIN, ['--version'])).stderr).toBe('');
  });

  describe('in a copy of the package', () => {
    // The cache is rewritten by runs, so these work on a copy: the real build stays as it was made.
    let pkg: string;
    let bin: string;
    let bundle: string;
    let cache: string;
    beforeAll(() => {
      pkg = mkdtempSync(path.join(tmpdir(), 'conformance-bundle-'));
      const root = packageRoot();
      copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
      for (const dir of ['schemas', 'node_modules']) symlinkSync(path.join(root, dir), path.join(pkg, dir), 'dir');
      mkdirSync(path.join(pkg, 'dist', 'src', 'cli'), { recursive: true });
      mkdirSync(path.join(pkg, 'dist', 'src', 'contract'), { recursive: true });
      symlinkSync(path.join(root, 'dist', 'src', 'contract', 'validators'), path.join(pkg, 'dist', 'src', 'contract', 'validators'), 'dir');
      const cli = path.join(pkg, 'dist', 'src', 'cli');
      [bin, bundle, cache] = [BIN, BUNDLE, CACHE].map((file) => path.join(cli, path.basename(file))) as [string, string, string];
    });
    beforeEach(() => {
      for (const [from, to] of [[BIN, bin], [BUNDLE, bundle], [CACHE, cache]] as const) {
        rmSync(to, { recursive: true, force: true });
        copyFileSync(from, to);
      }
    });
    afterAll(() => rmSync(pkg, { recursive: true, force: true }));

    const withKey = () => ({ ...DEBUG, CONFORMANCE_API_KEY: ref.apiKey });
    const otherFlags = ['--max-semi-space-size=4'];

    it('runs the same whether V8 takes the cache or refuses it, and a refused cache is replaced after a run', async () => {
      const args = ['run', ref.url, '--json', '-'];
      const cached = await run(bin, args, { env: withKey() });
      const refused = await run(bin, args, { env: withKey(), nodeArgs: otherFlags });
      expect(cacheLine(cached.stderr)).toBe('accepted');
      expect(cacheLine(refused.stderr)).toMatch(/^rejected by V8/);
      expect([cached.code, refused.code]).toEqual([0, 0]);
      expect(verdicts(refused.stdout)).toEqual(verdicts(cached.stdout));
      expect(verdicts(cached.stdout).filter((v) => v.endsWith(' pass'))).toHaveLength(63);
      // The refused run wrote a cache for its own flags; the default ones are now the strangers.
      expect(cacheLine((await run(bin, args, { env: withKey(), nodeArgs: otherFlags })).stderr)).toBe('accepted');
      expect(cacheLine((await run(bin, ['--version'], { env: DEBUG })).stderr)).toMatch(/^rejected by V8/);
    });

    it('is not replaced by a command that compiles little: --version, a usage error, an unreachable target', async () => {
      const before = readFileSync(cache);
      const runs = [
        await run(bin, ['--version'], { env: DEBUG, nodeArgs: otherFlags }),
        await run(bin, ['run', ref.url, '--timeout', 'soon'], { env: DEBUG, nodeArgs: otherFlags }),
        await run(bin, ['run', 'http://127.0.0.1:9'], { env: DEBUG, nodeArgs: otherFlags }),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 2, 3]);
      for (const r of runs) expect(cacheLine(r.stderr)).toMatch(/^rejected by V8/);
      expect(readFileSync(cache).equals(before)).toBe(true);
    });

    it('made for other bytes, is never used: the edited bundle runs as edited, then gets its own', async () => {
      const env = { ...DEBUG, NO_COLOR: '1' };
      const args = ['run', ref.url, '--only', 'NG-LIST-01'];
      const before = await run(bin, args, { env });
      expect(cacheLine(before.stderr)).toBe('accepted');
      expect(before.stdout).toContain('Verdict: CONFORMS');
      // Same length: V8's own check (length, version, flags) would take the old cache.
      const source = readFileSync(bundle, 'utf8');
      const edited = source.replace('headline: "CONFORMS"', 'headline: "CONFORMZ"');
      expect(edited).not.toBe(source);
      expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(source));
      writeFileSync(bundle, edited);
      const after = await run(bin, args, { env });
      expect(cacheLine(after.stderr)).toMatch(/^stale/);
      expect(after.stdout).toContain('Verdict: CONFORMZ');
      expect(after.code).toBe(0);
      const again = await run(bin, args, { env });
      expect(cacheLine(again.stderr)).toBe('accepted');
      expect(again.stdout).toContain('Verdict: CONFORMZ');
    });

    it('without the bundle (a build stopped after tsc) exits 2 naming the fix, no stack trace', async () => {
      rmSync(bundle);
      const r = await run(bin, ['run', ref.url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^conformance: cannot read the bundled CLI .*conformance\.cjs .*; run npm run build\n$/);
    });

    it('cannot be written (read-only install): runs go on, compiling', async () => {
      // A directory where the cache file should be: unreadable as a cache, and the rename fails.
      // (Permissions would not do: tests may run as root.)
      rmSync(cache);
      mkdirSync(cache);
      const r = await run(bin, ['run', ref.url, '--json', '-'], { env: withKey() });
      expect(cacheLine(r.stderr)).toBe('absent');
      expect(r.code).toBe(0);
      expect(verdicts(r.stdout).filter((v) => v.endsWith(' pass'))).toHaveLength(63);
      expect(readdirSync(path.dirname(cache)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  });

  it('a plain run loads none of the modules it does not use', async () => {
    // Each of these costs 1-13 ms of startup (docs/performance.md); none is needed to check a
    // server that answers plain JSON.
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-modules-'));
    const listFile = path.join(dir, 'modules');
    const preload = path.join(dir, 'list-modules.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, process.moduleLoadList.join('\\n')));\n`);
    try {
      const r = await run(BIN, ['run', ref.url, '--json', path.join(dir, 'run.json')], { env: { CONFORMANCE_API_KEY: ref.apiKey }, nodeArgs: ['--require', preload] });
      expect(r.code).toBe(0);
      const loaded = new Set(readFileSync(listFile, 'utf8').split('\n').map((line) => line.replace(/^NativeModule /, '')));
      expect(loaded.has('http')).toBe(true); // the list is what it claims to be
      const unneeded = ['http2', 'tls', 'crypto', 'zlib', 'fs/promises', 'perf_hooks', 'module', 'internal/modules/esm/loader'];
      expect(unneeded.filter((m) => loaded.has(m))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
