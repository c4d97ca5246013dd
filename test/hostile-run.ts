/**
 * The in-process CLI run the hostile-server tests share, and what they expect of every run:
 * a JSON report that parses, no stack trace, one-line reasons (test/hostile*.test.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../src/cli/cli.js';
import type { CheckResult, RunResult } from '../src/core/types.js';

export const STACK = /\n\s+at /;

export interface Run {
  code: number;
  out: string;
  err: string;
  report: RunResult;
  ms: number;
}


export function reportFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'conformance-hostile-')), 'run.json');
}

/** The real CLI, in-process, with a JSON report that must exist and parse afterwards. */
export async function run(url: string, args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const file = reportFile();
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env };
  const t0 = Date.now();
  const code = await runCli(['run', url, '--json', file, '--no-color', ...args], io);
  const ms = Date.now() - t0;
  return { code, out, err, report: JSON.parse(readFileSync(file, 'utf8')) as RunResult, ms };
}

export const withStatus = (r: Run, ...s: string[]): CheckResult[] => r.report.results.filter((c) => s.includes(c.status));

/** No stack trace, no internal error, and every check's reason on one line. */
export function expectOrderly(r: Run): void {
  expect(r.out + r.err).not.toMatch(STACK);
  for (const c of r.report.results) {
    expect(c.message, c.id).not.toContain('\n');
    expect(c.message, c.id).not.toMatch(/internal error|call stack/i);
  }
}

/** Every check that needed the server errored with this reason; none passed or failed. */
export function expectAllErrored(r: Run, reason: RegExp): void {
  expectOrderly(r);
  expect(r.code).toBe(1);
  expect(r.report.summary.pass).toBe(0);
  expect(r.report.summary.fail).toBe(0);
  const errors = withStatus(r, 'error');
  expect(errors.length).toBeGreaterThan(10);
  for (const c of errors) expect(c.message, c.id).toMatch(reason);
}
