/**
 * action.yml, exercised here: its run step (the command and the env mapping of inputs, read from
 * action.yml itself) runs with a faked GITHUB_OUTPUT and GITHUB_STEP_SUMMARY against reference
 * servers on 127.0.0.1. The install step (npm ci in the action's folder) is what this checkout
 * already did.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { serve } from './servers.js';

const execFileP = promisify(execFile);
const ROOT = packageRoot();
const ACTION = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

/** The composite's steps, read from the action.yml text: each step's run command and env mapping. */
function steps(): { name: string; run: string; env: Record<string, string> }[] {
  const blocks = ACTION.slice(ACTION.indexOf('\n  steps:\n')).split(/\n    - /).slice(1);
  return blocks.map((b) => ({
    name: /^name: (.+)$/m.exec(b)![1]!,
    run: /^ {6}run: (.+)$/m.exec(b)![1]!,
    env: Object.fromEntries([...b.matchAll(/^ {8}([A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)].map((m) => [m[1]!, m[2]!])),
  }));
}

function declared(section: 'inputs' | 'outputs'): string[] {
  const text = ACTION.slice(ACTION.indexOf(`\n${section}:\n`) + section.length + 3);
  return [...text.slice(0, text.search(/\n\S/)).matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
}

interface StepRun { code: number; stdout: string; outputs: Record<string, string>; summary: string; workspace: string }

async function runStep(inputs: Record<string, string>): Promise<StepRun> {
  const step = steps().find((s) => s.name === 'Run the suite')!;
  const workspace = mkdtempSync(path.join(tmpdir(), 'conformance-action-'));
  const output = path.join(workspace, 'github-output');
  const summary = path.join(workspace, 'step-summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const defaults: Record<string, string> = { profile: 'nanogpt', 'api-key': '', reports: 'conformance-reports', baseline: '', strict: 'false' };
  const { CONFORMANCE_API_KEY: _k, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, GITHUB_ACTIONS: 'true', GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
  for (const [name, input] of Object.entries(step.env)) env[name] = inputs[input] ?? defaults[input] ?? '';
  const r = await execFileP('bash', ['-c', step.run], { cwd: workspace, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }).then(
    (x) => ({ code: 0, stdout: x.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { ...r, outputs, summary: readFileSync(summary, 'utf8'), workspace };
}

let ref: RunningReferenceServer;
let broken: RunningReferenceServer;
beforeAll(async () => {
  ref = await serve(startReferenceServer());
  broken = await serve(startReferenceServer({ breaks: ['created-ms'] }));
});

describe('action.yml', () => {
  it('declares the inputs and outputs, and maps every input into the run step', () => {
    expect(declared('inputs')).toEqual(['url', 'profile', 'api-key', 'reports', 'baseline', 'strict']);
    expect(declared('outputs')).toEqual(['verdict', 'exit-code', 'total', 'passed', 'failed', 'skipped', 'errors', 'reports']);
    expect(Object.values(steps().find((s) => s.name === 'Run the suite')!.env).sort()).toEqual(declared('inputs').sort());
    expect(steps().map((s) => s.run)).toEqual(['npm ci --prefix "$GITHUB_ACTION_PATH" --no-audit --no-fund', 'node "$GITHUB_ACTION_PATH/action/run.mjs"']);
    expect(ACTION).not.toMatch(/run: .*\$\{\{/); // inputs never spliced into a command
  });

  it('conforming server: step passes, outputs the verdict and counts, writes every report and the step summary; the key is nowhere', async () => {
    const step = await runStep({ url: ref.url, 'api-key': ref.apiKey });
    expect(step.code, step.stdout).toBe(0);
    expect(step.outputs).toMatchObject({ verdict: 'CONFORMS', 'exit-code': '0', failed: '0', errors: '0', reports: 'conformance-reports' });
    expect(Number(step.outputs.passed) + Number(step.outputs.skipped)).toBe(Number(step.outputs.total));
    for (const f of ['run.json', 'junit.xml', 'report.html', 'summary.md']) {
      const text = readFileSync(path.join(step.workspace, 'conformance-reports', f), 'utf8');
      expect(text).not.toContain(ref.apiKey);
    }
    expect(step.summary).toMatch(/CONFORMS/);
    expect(`${step.stdout}${step.summary}`).not.toContain(ref.apiKey);
    expect(step.stdout).not.toMatch(/^::error/m);
  });

  it('broken server: step fails with 1, an error annotation names the check; a baseline listing it passes; strict is validated', async () => {
    const step = await runStep({ url: broken.url, reports: 'out/reports' });
    expect(step.code).toBe(1);
    expect(step.outputs).toMatchObject({ verdict: 'DOES NOT CONFORM', 'exit-code': '1', reports: 'out/reports' });
    expect(Number(step.outputs.failed)).toBeGreaterThan(0);
    expect(step.stdout).toMatch(/^::error title=NG-LIST-04 /m);
    expect(step.summary).toMatch(/NG-LIST-04/);

    const baseline = path.join(step.workspace, 'baseline.json');
    const failing = (JSON.parse(readFileSync(path.join(step.workspace, 'out/reports/run.json'), 'utf8')) as { results: { id: string; status: string }[] }).results.filter((r) => r.status === 'fail').map((r) => r.id);
    writeFileSync(baseline, JSON.stringify({ profile: 'nanogpt', knownFailures: failing }));
    const known = await runStep({ url: broken.url, baseline });
    expect(known.code, known.stdout).toBe(0);
    expect(known.outputs.verdict).toBe('CONFORMS');

    const bad = await runStep({ url: ref.url, strict: 'yes please' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^::error title=conformance action::strict takes true or false/m);
  });
});
