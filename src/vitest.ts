/**
 * `models-conformance/vitest`: the suite inside a server's own vitest run, one vitest test per
 * check, so the server's CI gates on it (graphql-http's serverAudits pattern). The target is
 * resolved in a beforeAll, so it can be a server the suite itself starts in an earlier beforeAll.
 *
 *   beforeAll(async () => { server = await startMyServer(); });
 *   describeConformance('models API', { url: () => server.url, apiKey: () => server.key });
 *
 * A check's test fails when the check decides the verdict (a MUST failure or an undecided MUST;
 * with `strict`, SHOULD too), naming the check and showing the evidence. Skipped checks, and
 * failures that do not gate, are skipped with their reason.
 */
import { beforeAll, describe, it } from 'vitest';
import { gatingResults } from './core/runner.js';
import type { RunResult } from './core/types.js';
import { plannedChecks, run, RUN_DEFAULTS, type RunOptions } from './run.js';
import { failureBlock } from '../reports/terminal.js';

export interface ConformanceSuiteOptions extends Omit<RunOptions, 'baseUrl' | 'apiKey' | 'reference' | 'profile'> {
  /** The base URL, or a function that returns it once the server is up. */
  url: string | (() => string | Promise<string>);
  /** A valid key, or a function that returns it (never put a real key in the test file). */
  apiKey?: string | (() => string | undefined | Promise<string | undefined>);
  /** nanogpt (default), codex-lb or openai: the checks are registered before the server answers, so not auto. */
  profile?: string;
}

export function describeConformance(name: string, opts: ConformanceSuiteOptions): void {
  const { url, apiKey, ...rest } = opts;
  if (rest.profile === 'auto') throw new Error('describeConformance: name the profile (nanogpt, codex-lb, openai); auto cannot register the checks before the server answers');
  const checks = plannedChecks(rest);
  describe(name, () => {
    let result: RunResult;
    beforeAll(async () => {
      const resolve = async <T>(v: T | (() => T | Promise<T>)) => (typeof v === 'function' ? await (v as () => T | Promise<T>)() : v);
      result = await run({ ...rest, baseUrl: await resolve(url), apiKey: await resolve(apiKey) });
    }, (rest.maxTimeMs ?? RUN_DEFAULTS.maxTimeMs) + 10_000);

    for (const check of checks) {
      it(`${check.id} ${check.level} ${check.title}`, (ctx) => {
        const r = result.results.find((x) => x.id === check.id);
        if (!r) throw new Error(`${check.id} has no result`);
        if (r.status === 'pass') return;
        if (gatingResults(result).includes(r)) {
          throw new Error(`${r.id} (${r.level}) ${r.status === 'fail' ? 'failed' : 'could not be decided'}: ${failureBlock(r).join('\n')}`);
        }
        const why = r.status === 'skip' ? r.message : `${r.level} ${r.status}${r.baseline ? ' (known failure in the baseline)' : ''}, not gating: ${r.message}`;
        ctx.skip(why);
      });
    }
  });
}
