/**
 * The vitest integration as a server's own suite uses it: vitest runs examples/vitest/ (which
 * imports `models-conformance/vitest`, the built package) against the reference, then against a
 * broken variant, in a child process each.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';
import { catalogue } from '../src/index.js';

const execFileP = promisify(execFile);
const ROOT = packageRoot();
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

async function vitestOnExample(env: Record<string, string>): Promise<{ code: number; report: JsonReport }> {
  const { CONFORMANCE_API_KEY: _k, ...inherited } = process.env;
  const child = await execFileP(process.execPath, [VITEST, 'run', '--root', path.join(ROOT, 'examples', 'vitest'), '--reporter=json'], {
    cwd: ROOT,
    env: { ...inherited, ...env, VITEST: undefined, VITEST_POOL_ID: undefined, VITEST_WORKER_ID: undefined, NODE_ENV: undefined } as NodeJS.ProcessEnv,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
  return { code: child.code, report: JSON.parse(child.stdout) as JsonReport };
}

const tests = (r: JsonReport) => r.testResults.flatMap((f) => f.assertionResults);

describe('examples/vitest: one vitest test per check', () => {
  it('passes against the reference: one test per check, skipped only where the run skips', async () => {
    const { code, report } = await vitestOnExample({});
    expect(code).toBe(0);
    expect(report.numFailedTests).toBe(0);
    const untestable = catalogue('nanogpt').filter((c) => c.untestable).map((c) => c.id);
    const skipped = tests(report).filter((t) => t.status === 'skipped').map((t) => t.title.split(' ')[0]);
    expect(skipped).toEqual(expect.arrayContaining(untestable));
    expect(skipped.length).toBeLessThan(5); // the untestable ones and NG-RATE-01 (no 429 met)
    expect(report.numPassedTests + skipped.length).toBe(catalogue('nanogpt').length);
    expect(tests(report).find((t) => t.title.startsWith('NG-LIST-04 MUST'))?.status).toBe('passed');
  });

  it('fails against a broken variant, naming the check that caught it', async () => {
    const { code, report } = await vitestOnExample({ EXAMPLE_BREAK: 'created-ms' });
    expect(code).toBe(1);
    const failed = tests(report).filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.title.split(' ')[0])).toContain('NG-LIST-04');
    const list04 = failed.find((t) => t.title.startsWith('NG-LIST-04'))!;
    expect(list04.failureMessages.join('\n')).toMatch(/NG-LIST-04 \(MUST\) failed: .*looks like milliseconds/);
    expect(report.numPassedTests).toBeGreaterThan(40);
  });
});
