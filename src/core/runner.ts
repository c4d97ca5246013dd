/**
 * Runs a profile's checks against one target and builds the RunResult every report renders.
 * Checks run concurrently (the engine shares their requests); late checks run after the rest.
 */
import type { CheckDefinition, CheckResult, Exchange, Level, RequestSpec, RunResult, Status, Summary, Verdict } from './types.js';
import { Decided } from './expect.js';
import type { Engine } from './engine.js';
import { gatingResults, judge } from './verdict.js';
import { KEY_ENV, monotonicMs, RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from './engine.js';
import { runCoverage } from '../ledger/run-coverage.js';
import { boundExchange, boundText, EVIDENCE_LIMITS } from './evidence.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ids and id prefixes (case-insensitive) to checks; unknown selectors are a usage error. */
export function selectChecks(all: readonly CheckDefinition[], only: readonly string[], skip: readonly string[]): CheckDefinition[] {
  const matches = (sel: string) => (c: CheckDefinition) => c.id.toUpperCase().startsWith(sel.toUpperCase());
  for (const sel of [...only, ...skip]) {
    if (!all.some(matches(sel))) {
      const areas = [...new Set(all.map((c) => c.id.replace(/-\d+$/, '')))];
      throw new UsageError(`unknown check id or prefix "${sel}". Valid prefixes: ${areas.join(', ')}; ids: ${all.map((c) => c.id).join(', ')}`);
    }
  }
  return all.filter((c) => (only.length === 0 || only.some((s) => matches(s)(c))) && !skip.some((s) => matches(s)(c)));
}

export interface RunSuiteOptions {
  profile: string;
  checks: readonly CheckDefinition[];
  probe: RequestSpec;
  engine: Engine;
  target: string;
  tool: { name: string; version: string };
  strict: boolean;
  only: string[];
  skip: string[];
  /** Called as each check finishes (progress). */
  onResult?: (result: CheckResult, done: number, total: number) => void;
}

export async function runSuite(opts: RunSuiteOptions): Promise<RunResult> {
  const started = Date.now();
  const { engine } = opts;
  let done = 0;
  const finish = (result: CheckResult) => {
    done++;
    opts.onResult?.(result, done, opts.checks.length);
    return result;
  };

  // The probe is one of the checks' own requests (memoised), so it costs nothing extra.
  const probe = await engine.exchange(opts.probe);
  const unreachable = probe.transportKind === 'connect' || probe.transportKind === 'tls' ? boundText(`${probe.request.url}: ${probe.transportError}`) : undefined;

  const runOne = async (check: CheckDefinition): Promise<CheckResult> => {
    const t0 = monotonicMs();
    const verdict = unreachable ? { status: 'error' as const, message: `target unreachable: ${unreachable}` } : await runCheck(check, engine);
    return finish(toResult(check, verdict, monotonicMs() - t0));
  };

  const early = await Promise.all(opts.checks.filter((c) => !c.late).map(runOne));
  const late = await Promise.all(opts.checks.filter((c) => c.late).map(runOne));
  const byId = new Map([...early, ...late].map((r) => [r.id, r]));
  const results = opts.checks.map((c) => byId.get(c.id)!);
  const finished = Date.now();

  const options = { strict: opts.strict, only: opts.only, skip: opts.skip, keyGiven: engine.hasKey };
  const unreachableField = unreachable ? { unreachable } : {};
  return engine.redactor.deep({
    tool: opts.tool,
    target: opts.target,
    profile: opts.profile,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    requests: engine.requestCount,
    options,
    summary: summarize(results),
    ...unreachableField,
    ...withCoverage(opts.profile, results),
    verdict: judge({ options, ...unreachableField, results }),
    results,
  });
}

function withCoverage(profile: string, results: readonly CheckResult[]): Pick<RunResult, 'coverage'> {
  const coverage = runCoverage(profile, results);
  return coverage ? { coverage } : {};
}

async function runCheck(check: CheckDefinition, engine: Engine): Promise<Verdict> {
  if (check.untestable) return { status: 'skip', message: `untestable: ${check.untestable}` };
  if (check.requires?.includes('apiKey') && !engine.hasKey) {
    return { status: 'skip', needs: 'apiKey', message: `needs a valid key: set ${KEY_ENV}` };
  }
  if (check.requires?.includes('restrictedKey') && !engine.hasRestrictedKey) {
    return { status: 'skip', needs: 'restrictedKey', message: `needs a key with allowed_models: set ${RESTRICTED_KEY_ENV} (and optionally ${RESTRICTED_MODELS_ENV}, the ids that key should see)` };
  }
  if (!check.run) return { status: 'error', message: 'internal: the check has no implementation' };
  try {
    return await check.run(engine);
  } catch (err) {
    if (err instanceof Decided) return err.verdict;
    return { status: 'error', message: `internal error in the check: ${(err as Error).message ?? String(err)}` };
  }
}

/**
 * A MAY statement permits, it does not require: when a MAY check finds the behaviour missing, the
 * result is `absent`, never `fail` (docs/ARCHITECTURE.md, status model). Decided here, for every check.
 */
function statusAt(level: CheckDefinition['level'], status: Verdict['status']): Verdict['status'] {
  return level === 'MAY' && status === 'fail' ? 'absent' : status;
}

function toResult(check: CheckDefinition, v: Verdict, durationMs: number): CheckResult {
  return {
    id: check.id,
    title: check.title,
    level: check.level,
    area: check.area,
    status: statusAt(check.level, v.status),
    reference: check.reference,
    // Server text is cut here, once, for every report (src/core/evidence.ts).
    message: boundText(v.message),
    evidence: {
      ...(v.expected !== undefined ? { expected: boundText(v.expected) } : {}),
      ...(v.received !== undefined ? { received: boundText(v.received) } : {}),
      ...(v.pointer !== undefined ? { pointer: boundText(v.pointer) } : {}),
      ...(v.keyword !== undefined ? { keyword: boundText(v.keyword) } : {}),
      exchanges: dedupe(v.exchanges ?? []).slice(0, EVIDENCE_LIMITS.exchanges).map(boundExchange),
    },
    durationMs: Math.round(durationMs * 10) / 10,
    ...(v.status === 'skip' && v.needs ? { needs: v.needs } : {}),
  };
}

function dedupe(exchanges: Exchange[]): Exchange[] {
  return [...new Set(exchanges)];
}

export function summarize(results: readonly CheckResult[]): Summary {
  const count = (s: Status) => results.filter((r) => r.status === s).length;
  const failed = (l: Level) => results.filter((r) => r.status === 'fail' && r.level === l).length;
  return {
    total: results.length,
    pass: count('pass'),
    fail: count('fail'),
    absent: count('absent'),
    skip: count('skip'),
    error: count('error'),
    failedByLevel: { MUST: failed('MUST'), SHOULD: failed('SHOULD'), MAY: failed('MAY') },
  };
}

/** The exit status of a run: its verdict's (src/core/verdict.ts). */
export function exitCodeFor(result: RunResult): number {
  return result.verdict.exitCode;
}

export { gatingResults };
