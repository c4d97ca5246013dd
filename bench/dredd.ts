/**
 * Dredd for the comparison, never a project dependency: installed on first use into a cache
 * directory outside the repository. Any failure becomes a reason to print, not a crash.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const DREDD_SPEC = 'dredd@14';
export const DREDD_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'conformance-bench', 'dredd');
const BIN = path.join(DREDD_DIR, 'node_modules', 'dredd', 'bin', 'dredd');

export type DreddStatus = { bin: string } | { problem: string };

/** The Dredd entry script, installing it first if needed (bounded by `timeoutMs`). */
export async function ensureDredd(timeoutMs: number, log: (s: string) => void): Promise<DreddStatus> {
  if (existsSync(BIN)) return { bin: BIN };
  log(`installing ${DREDD_SPEC} into ${DREDD_DIR} (first run only)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--prefix', DREDD_DIR, DREDD_SPEC, '--no-audit', '--no-fund', '--loglevel=error'];
  const result = await new Promise<{ code: number | null; err: string; timedOut: boolean }>((resolve) => {
    const child = spawn(npm, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let timedOut = false;
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, err: e.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, err, timedOut });
    });
  });
  if (result.timedOut) return { problem: `npm install ${DREDD_SPEC} did not finish within ${timeoutMs / 1000} s` };
  if (result.code !== 0 || !existsSync(BIN)) {
    return { problem: `npm install ${DREDD_SPEC} failed (exit ${result.code}): ${lastLines(result.err)}` };
  }
  return { bin: BIN };
}

/** "complete: 6 passing, 0 failing, 0 errors, 0 skipped, 6 total" -> counts; undefined if absent. */
export function dreddSummary(stdout: string): { passing: number; total: number } | undefined {
  const m = /complete: (\d+) passing, \d+ failing, \d+ errors, \d+ skipped, (\d+) total/.exec(stdout);
  return m ? { passing: Number(m[1]), total: Number(m[2]) } : undefined;
}

export function lastLines(text: string, n = 3): string {
  return text.trim().split('\n').slice(-n).join(' | ') || '(no output)';
}
