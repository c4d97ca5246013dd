/** The library surface (`models-conformance`): run() gives the CLI's RunResult; catalogue and schemas are exported. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';
import { runCli } from '../src/cli/cli.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import type { RunResult } from '../src/core/types.js';
import { serve } from './servers.js';

// Through the package's own name and exports map, as a dependent project imports it (the build).
const lib = (await import('models-conformance')) as typeof import('../src/index.js');
const requireHere = createRequire(path.join(packageRoot(), 'package.json'));

let ref: RunningReferenceServer;
let broken: RunningReferenceServer;
beforeAll(async () => {
  ref = await serve(startReferenceServer());
  broken = await serve(startReferenceServer({ breaks: ['duplicate-id'] }));
});

// Messages can quote the clock (a bound of now + 1 year), so they are compared apart from it.
const stable = (r: RunResult) => r.results.map(({ id, status, level, area, evidence }) => ({ id, status, level, area, pointer: evidence.pointer }));

describe('run()', () => {
  it('returns the RunResult the CLI writes with --json', async () => {
    const viaLib = await lib.run({ baseUrl: broken.url, apiKey: broken.apiKey, only: ['NG-LIST'] });
    let out = '';
    const code = await runCli(['run', broken.url, '--only', 'NG-LIST', '--json', '-'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { CONFORMANCE_API_KEY: broken.apiKey } });
    const viaCli = JSON.parse(out) as RunResult;
    expect(stable(viaLib)).toEqual(stable(viaCli));
    expect(Object.keys(viaCli)).toEqual(['schemaVersion', ...Object.keys(viaLib)]);
    expect(lib.exitCodeFor(viaLib)).toBe(code);
    expect(code).toBe(1);
    expect(viaLib.verdict.headline).toBe(viaCli.verdict.headline);
    expect(viaLib.results.find((r) => r.id === 'NG-LIST-06')?.status).toBe('fail');
  });

  it('passes the reference and refuses bad options with UsageError before any request', async () => {
    const result = await lib.run({ baseUrl: `${ref.url}/api/v1`, apiKey: ref.apiKey, only: ['NG-AUTH'] });
    expect(result.summary.fail + result.summary.error).toBe(0);
    expect(result.target).toBe(ref.url);
    await expect(lib.run({ baseUrl: ref.url, only: ['NG-NOPE'] })).rejects.toBeInstanceOf(lib.UsageError);
    await expect(lib.run({})).rejects.toThrow(/missing <base-url>/);
  });
});

describe('catalogue and schemas', () => {
  it('lists each profile\'s checks as `list --json` does', async () => {
    expect(lib.profiles).toEqual(['nanogpt', 'codex-lb', 'openai']);
    let out = '';
    await runCli(['list', '--profile', 'codex-lb', '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: {} });
    expect(lib.catalogue('codex-lb')).toEqual((JSON.parse(out) as { checks: unknown }).checks);
    expect(() => lib.catalogue('nope')).toThrow(/unknown profile/);
  });

  it('exports the JSON Schemas as subpaths', () => {
    const file = requireHere.resolve('models-conformance/schemas/nanogpt/models-list.schema.json');
    expect(file).toBe(path.join(packageRoot(), 'schemas', 'nanogpt', 'models-list.schema.json'));
    expect((JSON.parse(readFileSync(file, 'utf8')) as { $id?: string }).$id).toBeTruthy();
  });

  it('declares types for each entry', () => {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { exports: Record<string, { types?: string }> };
    for (const entry of ['.', './vitest']) expect(readFileSync(path.join(packageRoot(), pkg.exports[entry]!.types!), 'utf8')).toMatch(/export /);
  });
});
