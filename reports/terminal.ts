/** The terminal report: results grouped by area, failures in the one failure format, a summary. */
import type { BaselineOutcome, CheckResult, Exchange, LedgerCoverage, RunResult, Status } from '../src/core/types.js';
import { ABSENT_NOTE, plural } from './shared.js';
import { terminalText } from './encode.js';

export interface TerminalOptions {
  color: boolean;
  /** Show passing checks one per line (default true); false prints failures, errors and the summary only. */
  verbose?: boolean;
}

const MARK: Record<Status, string> = { pass: '✓', fail: '✗', absent: '○', skip: '-', error: '!' };
const COLOR: Record<Status, number> = { pass: 32, fail: 31, absent: 36, skip: 90, error: 33 };

export function renderTerminal(result: RunResult, opts: TerminalOptions): string {
  const paint = (code: number, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bold = (s: string) => (opts.color ? `\u001b[1m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(bold(`${result.tool.name} ${result.tool.version} · profile ${result.profile} · ${terminalText(result.target)}`));
  const needKey = result.results.filter((r) => r.status === 'skip' && r.needs === 'apiKey').length;
  lines.push(result.options.keyGiven ? 'key: given (redacted everywhere)' : `key: none given${needKey ? ` (${needKey} checks that need one are skipped; set CONFORMANCE_API_KEY)` : ''}`);
  if (result.unreachable) lines.push(paint(31, `target unreachable: ${terminalText(result.unreachable)}`));

  const areas = [...new Set(result.results.map((r) => r.area))];
  for (const area of areas) {
    const inArea = result.results.filter((x) => x.area === area);
    const shown = opts.verbose === false ? inArea.filter((r) => r.status !== 'pass') : inArea;
    if (shown.length === 0) continue;
    lines.push('', `${bold(area)} ${paint(90, `(${inArea.filter((r) => r.status === 'pass').length}/${inArea.length} passed)`)}`);
    for (const r of shown) {
      lines.push(`  ${paint(COLOR[r.status], MARK[r.status])} ${r.id.padEnd(11)} ${r.level.padEnd(6)} ${r.title}${r.baseline === 'known-failure' ? paint(33, '  [known failure: in the baseline, not gating]') : ''}`);
      if (r.status === 'fail' || r.status === 'error') lines.push(...failureBlock(r).map((l) => `      ${l}`));
      else if (r.status === 'skip') lines.push(paint(90, `      skipped: ${terminalText(r.message)}`));
      else if (r.status === 'absent') lines.push(paint(36, `      ${ABSENT_NOTE}: ${terminalText(r.message)}`));
    }
  }

  const s = result.summary;
  const failed = `${s.fail} failed${s.fail ? ` (${s.failedByLevel.MUST} MUST, ${s.failedByLevel.SHOULD} SHOULD, ${s.failedByLevel.MAY} MAY)` : ''}`;
  const errors = plural(s.error, 'error');
  lines.push('', `${plural(s.total, 'check')}: ${paint(32, `${s.pass} passed`)}, ${s.fail ? paint(31, failed) : failed}, ${s.absent ? `${s.absent} optional absent, ` : ''}${s.skip} skipped, ${s.error ? paint(33, errors) : errors} in ${(result.durationMs / 1000).toFixed(2)} s (${plural(result.requests, 'request')})`);
  if (result.coverage) lines.push(paint(90, coverageLine(result.coverage)));
  if (result.baseline) lines.push(...baselineLines(result.baseline));
  lines.push(verdictLine(result, paint));
  return `${lines.join('\n')}\n`;
}

/** The verdict as decided once in the result (src/core/verdict.ts): green only for CONFORMS. */
function verdictLine(result: RunResult, paint: (c: number, s: string) => string): string {
  const v = result.verdict;
  const strict = v.headline === 'CONFORMS' && result.options.strict ? ' (strict)' : '';
  return paint(v.conforms ? 32 : v.headline === 'INCONCLUSIVE' ? 33 : 31, `Verdict: ${v.headline}${strict} — ${terminalText(v.detail)}`);
}

function baselineLines(b: BaselineOutcome): string[] {
  const ids = (list: string[]) => (list.length ? list.join(', ') : 'none');
  return [
    `Baseline ${b.file}${b.updated ? ' (rewritten by this run)' : ''}:`,
    `  new failures (gating): ${ids(b.newFailures)}`,
    `  known failures (not gating): ${ids(b.knownFailures)}`,
    `  now passing${b.nowPassing.length ? ' (remove them from the baseline)' : ''}: ${ids(b.nowPassing)}`,
  ];
}

/** The one failure format: message, Expected / Received (pointer and keyword first), request, response excerpt, curl. */
export function failureBlock(r: CheckResult): string[] {
  const out = [r.message];
  const e = r.evidence;
  if (e.pointer !== undefined) out.push(`At:       ${e.pointer}${e.keyword ? ` (keyword: ${e.keyword})` : ''}`);
  if (e.expected !== undefined) out.push(`Expected: ${e.expected}`);
  if (e.received !== undefined) out.push(`Received: ${e.received}`);
  for (const ex of e.exchanges.slice(0, 3)) out.push(...exchangeLines(ex));
  out.push(`Docs:     ${r.reference.source} § ${r.reference.section}: “${r.reference.quote}”`);
  out.push(`          ${r.reference.url}`);
  // Server text can carry escapes, newlines or workflow commands: each line is encoded whole.
  return out.map(terminalText);
}

function exchangeLines(ex: Exchange): string[] {
  const lines = [`Request:  ${ex.request.method} ${ex.request.url}`];
  if (ex.response) {
    const type = ex.response.headers['content-type'] ?? 'no content-type';
    lines.push(`Response: HTTP ${ex.response.status} (${type}, ${ex.response.size} bytes) ${oneLine(ex.response.body, 160)}`);
  } else if (ex.transportError) {
    lines.push(`Response: none — ${ex.transportError}`);
  }
  lines.push(`Reproduce: ${ex.curl}`);
  return lines;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function progressLine(r: CheckResult, done: number, total: number): string {
  return `[${String(done).padStart(String(total).length)}/${total}] ${MARK[r.status]} ${r.id}`;
}

export type { CheckResult };

/** One line on the sentence ledger: how many documented statements this run decided. */
function coverageLine(c: LedgerCoverage): string {
  return `documented statements: ${c.decided} of ${c.statements} decided in this run (${c.checked} have checks; see conformance list --coverage)`;
}
