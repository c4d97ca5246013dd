/** Shared test plumbing: run the real suite, in-process, against a real server on 127.0.0.1. */
import { Engine } from '../src/core/engine.js';
import { createUndiciClient } from '../src/core/http.js';
import { runSuite, selectChecks } from '../src/core/runner.js';
import type { RunResult } from '../src/core/types.js';
import { PROFILES } from '../src/profiles.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/contract/schemas.js';

/** The `conformance` executable as package.json declares it: what `npx conformance` runs. */
export function binPath(): string {
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

export async function runAgainst(url: string, opts: RunAgainstOptions = {}): Promise<RunResult> {
  const profile = PROFILES[opts.profile ?? 'nanogpt']!;
  const client = createUndiciClient({ connections: 8 });
  const engine = new Engine({
    baseUrl: url,
    apiKey: opts.apiKey,
    extraSecrets: { restricted: opts.restrictedKey },
    settings: opts.settings,
    client,
    timeoutMs: opts.timeoutMs ?? 5_000,
    maxBodyBytes: 50 * 1024 * 1024,
    retries: opts.retries ?? 2,
    maxRetryWaitMs: 5_000,
    maxRequests: 1_000,
    rateLimit: 0,
    deadline: Date.now() + (opts.maxTimeMs ?? 60_000),
    userAgent: 'conformance-test',
  });
  try {
    return await runSuite({
      profile: profile.name,
      checks: selectChecks(profile.checks, opts.only ?? [], []),
      probe: profile.probe,
      engine,
      target: url,
      tool: { name: 'conformance', version: 'test' },
      strict: false,
      only: opts.only ?? [],
      skip: [],
    });
  } finally {
    await client.close();
  }
}

export function statusOf(result: RunResult, id: string): string | undefined {
  return result.results.find((r) => r.id === id)?.status;
}

export function idsWith(result: RunResult, status: string): string[] {
  return result.results.filter((r) => r.status === status).map((r) => r.id);
}
