/**
 * Known failures. A baseline file lists failing check ids that are reported but do not gate the
 * run, so a team can adopt the suite before fixing everything and still be stopped by anything new.
 *
 * Only `fail` is ever baselined: `error` means the tool could not decide, which says nothing about
 * the server and must stay visible (and gating). `--update-baseline` writes the ids failing now,
 * plus listed ids this run could not re-decide (skipped, errored, or left out by --only), so a run
 * without a key or with --only never silently drops entries.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../src/core/runner.js';
import type { BaselineOutcome, RunResult } from '../src/core/types.js';
import { judge } from '../src/core/verdict.js';
import { parseJson } from '../src/core/json.js';

export interface BaselineFile {
  note?: string;
  profile: string;
  knownFailures: string[];
}

export const BASELINE_NOTE =
  'Known failures for `conformance run --baseline`: these check ids may fail without failing the run; any other failure does. ' +
  'Rewrite with --update-baseline; remove ids as they start passing (the reports list them).';

export function parseBaseline(text: string, file: string): BaselineFile {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UsageError(`baseline ${file} is not valid JSON (${parsed.error}); rewrite it with --update-baseline`);
  const b = parsed.value as Partial<BaselineFile> | null;
  if (!b || typeof b !== 'object' || typeof b.profile !== 'string' || !Array.isArray(b.knownFailures) || !b.knownFailures.every((id) => typeof id === 'string')) {
    throw new UsageError(`baseline ${file} must be {"profile": "<name>", "knownFailures": ["<check id>", ...]}; rewrite it with --update-baseline`);
  }
  return { ...(typeof b.note === 'string' ? { note: b.note } : {}), profile: b.profile, knownFailures: [...new Set(b.knownFailures)] };
}

/** Marks the listed failures as known and computes the three lists. Pure. */
export function applyBaseline(result: RunResult, baseline: BaselineFile, file: string, updated = false): RunResult {
  if (baseline.profile !== result.profile) {
    throw new UsageError(`baseline ${file} is for profile "${baseline.profile}", this run is "${result.profile}"`);
  }
  const listed = new Set(baseline.knownFailures);
  const results = result.results.map((r) => (r.status === 'fail' && listed.has(r.id) ? { ...r, baseline: 'known-failure' as const } : r));
  const ids = (keep: (r: (typeof results)[number]) => boolean) => results.filter(keep).map((r) => r.id);
  const outcome: BaselineOutcome = {
    file,
    knownFailures: ids((r) => r.baseline === 'known-failure'),
    nowPassing: ids((r) => r.status === 'pass' && listed.has(r.id)),
    newFailures: ids((r) => r.status === 'fail' && !listed.has(r.id)),
    updated,
  };
  return { ...result, results, baseline: outcome, verdict: judge({ ...result, results }) };
}

/** The baseline this run would write: failing ids, plus listed ids the run did not re-decide. Pure. */
export function baselineFor(result: RunResult, previous?: BaselineFile): BaselineFile {
  const decided = new Map(result.results.map((r) => [r.id, r.status]));
  const failing = result.results.filter((r) => r.status === 'fail').map((r) => r.id);
  const undecided = (previous?.knownFailures ?? []).filter((id) => {
    const status = decided.get(id);
    return status !== 'pass' && status !== 'fail';
  });
  const order = new Map(result.results.map((r, i) => [r.id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const knownFailures = [...new Set([...failing, ...undecided])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return { note: BASELINE_NOTE, profile: result.profile, knownFailures };
}

export function renderBaseline(b: BaselineFile): string {
  return `${JSON.stringify({ note: b.note ?? BASELINE_NOTE, profile: b.profile, knownFailures: b.knownFailures }, null, 2)}\n`;
}

export interface BaselineStep {
  /** Marks known failures (and with --update-baseline rewrites the file first). */
  settle(result: RunResult): Promise<RunResult>;
}

/**
 * Reads and validates the baseline before the run (a bad file is a usage error, found early).
 * With `update`, a missing file is fine: it is created.
 */
export async function openBaseline(file: string | undefined, update: boolean, profile: string): Promise<BaselineStep> {
  if (!file) {
    if (update) throw new UsageError('--update-baseline needs --baseline <file> to say where to write it');
    return { settle: async (result) => result };
  }
  let previous: BaselineFile | undefined;
  try {
    previous = parseBaseline(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`cannot read baseline ${file}: ${(err as Error).message}`);
    }
    if (!update) throw new UsageError(`baseline ${file} does not exist; create it with --baseline ${file} --update-baseline`);
  }
  if (previous && previous.profile !== profile) {
    throw new UsageError(`baseline ${file} is for profile "${previous.profile}", this run is "${profile}"`);
  }
  return {
    async settle(result) {
      if (result.unreachable) return result; // nothing was decided: neither compare nor rewrite
      if (!update) return applyBaseline(result, previous!, file);
      const next = baselineFor(result, previous);
      try {
        mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        writeFileSync(file, renderBaseline(next));
      } catch (err) {
        throw new UsageError(`cannot write baseline ${file}: ${(err as Error).message}`);
      }
      return applyBaseline(result, next, file, true);
    },
  };
}
