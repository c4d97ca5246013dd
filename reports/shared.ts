/**
 * What every writer derives the same way from a RunResult: display status, grouping, safe text.
 * The verdict itself is `result.verdict` (src/core/verdict.ts), never recomputed here.
 */
import type { CheckResult, RunResult } from '../src/core/types.js';

/** A result's status as reports show it: a failure the baseline lists is its own, non-gating kind. */
export type DisplayStatus = 'pass' | 'fail' | 'known' | 'error' | 'absent' | 'skip';
export const DISPLAY_STATUSES: readonly DisplayStatus[] = ['fail', 'known', 'error', 'absent', 'skip', 'pass'];
export const STATUS_LABEL: Record<DisplayStatus, string> = {
  pass: 'passed',
  fail: 'failed',
  known: 'known failures',
  error: 'errors',
  absent: 'optional, absent',
  skip: 'skipped',
};

/** How an absent result is explained wherever it is shown. */
export const ABSENT_NOTE = 'optional (MAY) behaviour not offered: allowed, not a failure';

/** `1 error`, `2 known failures`, `3 passed`. */
export function countLabel(s: DisplayStatus, n: number): string {
  return s === 'known' || s === 'error' ? plural(n, s === 'known' ? 'known failure' : 'error') : `${n} ${STATUS_LABEL[s]}`;
}

export function displayStatus(r: CheckResult): DisplayStatus {
  return r.status === 'fail' && r.baseline === 'known-failure' ? 'known' : r.status;
}

export function countBy(result: RunResult): Record<DisplayStatus, number> {
  const counts: Record<DisplayStatus, number> = { pass: 0, fail: 0, known: 0, error: 0, absent: 0, skip: 0 };
  for (const r of result.results) counts[displayStatus(r)]++;
  return counts;
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
