/** What every writer derives the same way from a RunResult: verdict, display status, grouping, safe text. */
import { gatingResults } from '../src/core/runner.js';
import type { CheckResult, RunResult } from '../src/core/types.js';

/** A result's status as reports show it: a failure the baseline lists is its own, non-gating kind. */
export type DisplayStatus = 'pass' | 'fail' | 'known' | 'error' | 'skip';
export const DISPLAY_STATUSES: readonly DisplayStatus[] = ['fail', 'known', 'error', 'skip', 'pass'];
export const STATUS_LABEL: Record<DisplayStatus, string> = {
  pass: 'passed',
  fail: 'failed',
  known: 'known failures',
  error: 'errors',
  skip: 'skipped',
};

/** `1 error`, `2 known failures`, `3 passed`. */
export function countLabel(s: DisplayStatus, n: number): string {
  return s === 'known' || s === 'error' ? plural(n, s === 'known' ? 'known failure' : 'error') : `${n} ${STATUS_LABEL[s]}`;
}

export function displayStatus(r: CheckResult): DisplayStatus {
  return r.status === 'fail' && r.baseline === 'known-failure' ? 'known' : r.status;
}

export function countBy(result: RunResult): Record<DisplayStatus, number> {
  const counts: Record<DisplayStatus, number> = { pass: 0, fail: 0, known: 0, error: 0, skip: 0 };
  for (const r of result.results) counts[displayStatus(r)]++;
  return counts;
}

export interface VerdictText {
  conforms: boolean;
  /** CONFORMS, DOES NOT CONFORM or UNREACHABLE. */
  headline: string;
  /** One sentence on why. */
  detail: string;
}

/** The verdict the exit code reflects, in words (same rule as exitCodeFor). */
export function verdictOf(result: RunResult): VerdictText {
  if (result.unreachable) return { conforms: false, headline: 'UNREACHABLE', detail: `nothing could be checked: ${result.unreachable}` };
  const gating = gatingResults(result);
  const scope = result.options.strict ? 'MUST or SHOULD' : 'MUST';
  const known = countBy(result).known;
  if (gating.length === 0) {
    const knownNote = known ? ` (${plural(known, 'known failure')} listed in the baseline)` : '';
    return { conforms: true, headline: 'CONFORMS', detail: `no ${scope} check failed${knownNote}` };
  }
  const fails = gating.filter((r) => r.status === 'fail').length;
  const errors = gating.length - fails;
  const parts = [fails ? `${plural(fails, 'gating check')} failed` : '', errors ? `${plural(errors, 'gating check')} could not be decided` : ''];
  return { conforms: false, headline: 'DOES NOT CONFORM', detail: parts.filter(Boolean).join(', ') };
}

export function areasOf(result: RunResult): { area: string; results: CheckResult[] }[] {
  const areas = [...new Set(result.results.map((r) => r.area))];
  return areas.map((area) => ({ area, results: result.results.filter((r) => r.area === area) }));
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Server text is encoded for each output kind by reports/encode.ts; this is the shared base. */
export { visibleControls } from './encode.js';
