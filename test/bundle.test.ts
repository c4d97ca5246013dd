/**
 * The shipped executable as a real process: the launcher package.json names and the bundled CLI
 * it loads (scripts/bundle.mjs). The bundle only makes a run start sooner: these tests prove a run
 * through it is the same as through the unbundled dist/ modules, and that the launcher stays plain.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import type { RunResult } from '../src/core/types.js';
import { binPath } from './helpers.js';
import { serve } from './servers.js';

const BIN = binPath();
const UNBUNDLED = path.join(path.dirname(BIN), 'main.js');

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
      { env: { PATH: process.env.PATH, NODE_OPTIONS: process.env.NODE_OPTIONS, ...opts.env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

/** The verdicts of a run: id and status of every check. */
function verdicts(json: string): string[] {
  return (JSON.parse(json) as RunResult).results.map((r) => `${r.id} ${r.status}`);
}

describe('the bundled executable', () => {
  let ref: RunningReferenceServer;
  beforeAll(async () => {
    ref = await serve(startReferenceServer({ port: 0 }));
  });

  it('is the launcher package.json names; it prints the version, quietly', async () => {
    const version = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version as string;
    const r = await run(BIN, ['--version']);
    expect(r.stdout.trim()).toBe(version);
    expect(r.stderr).toBe('');
  });

  it('gives the same verdicts as the unbundled dist/ modules', async () => {
    const args = ['run', ref.url, '--json', '-'];
    const env = { CONFORMANCE_API_KEY: ref.apiKey };
    const [bundled, unbundled] = await Promise.all([run(BIN, args, { env }), run(UNBUNDLED, args, { env })]);
    expect([bundled.code, unbundled.code]).toEqual([0, 0]);
    expect(verdicts(bundled.stdout)).toEqual(verdicts(unbundled.stdout));
    expect(verdicts(bundled.stdout).filter((v) => v.endsWith(' pass'))).toHaveLength(64);
  });

  it('without the bundle (a build stopped after tsc) exits 2 naming the fix, no stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-launcher-'));
    try {
      const lonely = path.join(dir, path.basename(BIN));
      copyFileSync(BIN, lonely);
      const r = await run(lonely, ['run', ref.url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^conformance: the bundled CLI .*conformance\.cjs is missing; run npm run build\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a plain run sets no V8 flags and compiles nothing by hand: neither node:v8 nor node:vm is loaded', async () => {
    // Node's own module.enableCompileCache() (Node 22.1+) is the only compile cache; see docs/performance.md.
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-modules-'));
    const listFile = path.join(dir, 'modules');
    const preload = path.join(dir, 'list-modules.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, process.moduleLoadList.join('\\n')));\n`);
    try {
      const r = await run(BIN, ['run', ref.url, '--json', path.join(dir, 'run.json')], { env: { CONFORMANCE_API_KEY: ref.apiKey }, nodeArgs: ['--require', preload] });
      expect(r.code).toBe(0);
      const loaded = new Set(readFileSync(listFile, 'utf8').split('\n').map((line) => line.replace(/^NativeModule /, '')));
      expect(loaded.has('http')).toBe(true); // the list is what it claims to be
      expect(['v8', 'vm'].filter((m) => loaded.has(m))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
