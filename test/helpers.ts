/** Shared test plumbing: run the real suite, in-process, against a real server on 127.0.0.1. */
import { runCli } from '../src/cli/cli.js';
import type { CliIO } from '../src/cli/options.js';
import { definedOnly } from '../src/core/engine-setup.js';
import type { RunResult } from '../src/core/types.js';
import { runProfileOn } from '../src/run.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/contract/schemas.js';

/** The `conformance` executable as package.json declares it: what `npx conformance` runs. */
export function binPath(): string {
  // Our own package.json, not server data: no depth guard (src/core/json.ts) needed.
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { bin: { conformance: string } };
  return path.join(packageRoot(), pkg.bin.conformance);
}

export interface RunAgainstOptions {
  apiKey?: string;
  /** CONFORMANCE_RESTRICTED_API_KEY (codex-lb filtering checks). */
  restrictedKey?: string;
  /** Profile settings, e.g. { CONFORMANCE_RESTRICTED_MODELS: 'a,b' }. */
  settings?: Record<string, string>;
  profile?: string;
  only?: string[];
  timeoutMs?: number;
  retries?: number;
  maxTimeMs?: number;
}

/** A run's limits in tests: shorter than a real run's, so a test that goes wrong fails well inside vitest's timeout. */
const TEST_LIMITS = { timeoutMs: 5_000, maxRetryWaitMs: 5_000, maxTimeMs: 60_000 } as const;

/** The real suite, in-process, as `conformance run` runs it (src/run.ts runProfileOn). */
export async function runAgainst(url: string, opts: RunAgainstOptions = {}): Promise<RunResult> {
  return runProfileOn(url, { ...TEST_LIMITS, ...definedOnly(opts), profile: opts.profile ?? 'nanogpt', tool: { name: 'conformance', version: 'test' }, userAgent: 'conformance-test' });
}

export function statusOf(result: RunResult, id: string): string | undefined {
  return result.results.find((r) => r.id === id)?.status;
}

export function idsWith(result: RunResult, status: string): string[] {
  return result.results.filter((r) => r.status === status).map((r) => r.id);
}

/**
 * `conformance <argv>` in-process, the one way tests run the CLI without a process: the exit code
 * and what it wrote to stdout (`out`) and stderr (`err`). `tty` says which streams claim a terminal.
 */
export async function cli(argv: string[], env: Record<string, string | undefined> = {}, tty = { stdout: false, stderr: false }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s), isTTY: tty.stdout },
    stderr: { write: (s: string) => (err += s), isTTY: tty.stderr },
    env,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
