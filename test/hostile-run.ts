/**
 * The in-process CLI run the hostile-server tests share, and what they expect of every run:
 * a JSON report that parses, no stack trace, one-line reasons (test/hostile*.test.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { binPath, cli } from './helpers.js';
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
  const t0 = Date.now();
  const { code, out, err } = await cli(['run', url, '--json', file, '--no-color', ...args], env);
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

export interface ProcessRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they arrived. */
  out: string;
  ms: number;
  /** Peak resident memory, read by a preload as the process exits. */
  rssMB: number;
  /** The JSON report, when the run wrote one. */
  report?: RunResult;
  reportBytes: number;
}

/** The built bin as a real process (`run <args> --json <file>`), killed if it has not exited after `killAfterMs`. */
export async function spawnRun(args: string[], killAfterMs: number): Promise<ProcessRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'conformance-proc-'));
  const file = path.join(dir, 'run.json');
  const rssFile = path.join(dir, 'rss');
  // Records the peak RSS as the process exits (KiB).
  const preload = 'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.RSS_FILE,String(process.resourceUsage().maxRSS)))';
  const child = spawn(process.execPath, ['--import', preload, binPath(), 'run', ...args, '--json', file, '--no-color'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, RSS_FILE: rssFile },
  });
  const seen = { stdout: '', stderr: '', out: '' };
  child.stdout.on('data', (d: Buffer) => ((seen.stdout += d.toString()), (seen.out += d.toString())));
  child.stderr.on('data', (d: Buffer) => ((seen.stderr += d.toString()), (seen.out += d.toString())));
  const t0 = Date.now();
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(killer);
  const ms = Date.now() - t0;
  const written = existsSync(file);
  return {
    code, signal, ...seen, ms,
    rssMB: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN,
    report: written ? (JSON.parse(readFileSync(file, 'utf8')) as RunResult) : undefined,
    reportBytes: written ? statSync(file).size : 0,
  };
}
