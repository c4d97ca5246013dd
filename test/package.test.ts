/**
 * The published package as a stranger gets it: `npm pack` (of the built tree), installed from the
 * tarball into an empty project (offline, from the npm cache), then run through npx against the
 * embedded reference, imported as a library, and type-checked.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';

const execFileP = promisify(execFile);
const ROOT = packageRoot();
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const work = mkdtempSync(path.join(tmpdir(), 'conformance-pack-'));
const project = path.join(work, 'empty-project');
const { CONFORMANCE_API_KEY: _key, npm_config_prefix: _p, ...cleanEnv } = process.env;
const env = { ...cleanEnv, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function sh(cmd: string, args: string[], cwd: string, timeout = 120_000) {
  return execFileP(cmd, args, { cwd, env, timeout, maxBuffer: 32 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/**
 * The empty project's lockfile: the tarball plus the runtime dependencies exactly as this
 * repository's lock pins them. Offline, npm can install a locked tree from its cache, but cannot
 * resolve a version range (that needs registry metadata the cache does not hold).
 */
function lockFor(spec: string) {
  const repoLock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; peer?: boolean }> };
  const root = repoLock.packages['']! as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: unknown; bin?: unknown; license?: string; engines?: unknown };
  const runtime = Object.entries(repoLock.packages).filter(([where, p]) => where !== '' && !p.dev && !p.devOptional && !p.peer);
  return {
    name: 'empty-project',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'empty-project', dependencies: { [PKG.name]: spec } },
      [`node_modules/${PKG.name}`]: { version: PKG.version, resolved: spec, license: root.license, dependencies: root.dependencies, bin: root.bin, engines: root.engines, peerDependencies: root.peerDependencies, peerDependenciesMeta: root.peerDependenciesMeta },
      ...Object.fromEntries(runtime),
    },
  };
}

let tarball: string;
beforeAll(async () => {
  // --ignore-scripts: the tree is already built (npm test builds first); prepare would rebuild it under other tests.
  const pack = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  tarball = path.join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  await sh('mkdir', ['-p', project], work);
  const spec = `file:../${path.basename(tarball)}`;
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'empty-project', private: true, type: 'module', dependencies: { [PKG.name]: spec } }));
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(lockFor(spec)));
  // `npm ci --offline`: offline needs every package's resolved URL and integrity, which the lock gives.
  const install = await sh('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);
  expect(install.code, install.stderr).toBe(0);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`the packed ${PKG.name} tarball in an empty project`, () => {
  it('ships the licence and no test or source folders', async () => {
    const list = await sh('tar', ['-tzf', tarball], work);
    const files = list.stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/dist/src/index.d.ts');
    expect(files.filter((f) => /^package\/(test|src|bench|examples|scripts)\//.test(f))).toEqual([]);
  });

  it(`runs through npx ${PKG.name} against the reference, as the README says`, async () => {
    const version = await sh('npx', ['--offline', PKG.name, '--version'], project);
    expect(version.stdout.trim()).toBe(PKG.version);
    const run = await sh('npx', ['--offline', PKG.name, 'run', '--reference', '--only', 'NG-LIST,NG-AUTH', '--json', 'reports/run.json', '--max-time', '30000'], project, 60_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Verdict: CONFORMS/);
    const report = JSON.parse(readFileSync(path.join(project, 'reports', 'run.json'), 'utf8')) as { verdict: { headline: string }; summary: { total: number; pass: number } };
    expect(report.verdict.headline).toBe('CONFORMS');
    expect(report.summary.pass).toBe(report.summary.total);
    const help = await sh('npx', ['--offline', PKG.name, 'run', '--help'], project);
    expect(help.code).toBe(0);
  });

  it('imports as a library, with types that catch a wrong option', async () => {
    writeFileSync(path.join(project, 'use.mjs'), `import { run, catalogue, startReference } from '${PKG.name}';
const ref = await startReference('openai');
const result = await run({ profile: 'openai', baseUrl: ref.url, apiKey: ref.apiKey });
await ref.close();
console.log(JSON.stringify({ verdict: result.verdict.headline, total: result.summary.total, catalogue: catalogue('openai').length }));
`);
    const used = await sh('node', ['use.mjs'], project, 60_000);
    expect(used.code, used.stderr).toBe(0);
    const out = JSON.parse(used.stdout) as { verdict: string; total: number; catalogue: number };
    expect(out).toEqual({ verdict: 'CONFORMS', total: out.catalogue, catalogue: out.catalogue });

    writeFileSync(path.join(project, 'typed.ts'), `import { run, type RunResult } from '${PKG.name}';
import { describeConformance } from '${PKG.name}/vitest';
export const pending: Promise<RunResult> = run({ baseUrl: 'http://127.0.0.1:1', only: ['NG-LIST'] });
// @ts-expect-error: the base URL is a string
run({ baseUrl: 8080 });
export const register: typeof describeConformance = describeConformance;
`);
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = await sh(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), 'typed.ts'], project);
    expect(checked.code, checked.stdout).toBe(0);
  });
});
