/**
 * A Markdown summary for a pull-request comment or a CI job summary. Server-sent text only ever
 * appears inside code fences (no markup, no @mentions); everything else is escaped. Kept under
 * GitHub's comment limit: past it, the last checks' details give way to their ids.
 */
import type { CheckResult, RunResult } from '../src/core/types.js';
import { htmlInMarkdown as html, markdownCode as code, markdownFence as fence, markdownInline as esc } from './encode.js';
import { ABSENT_NOTE, countBy, displayStatus, plural } from './shared.js';
import { failureBlock } from './terminal.js';

/** GitHub refuses comments over 65 536 characters; leave room for whatever wraps the summary. */
const LIMIT = 60_000;
/** One check's details never take more than this; the HTML report has the rest. */
const DETAIL_CHARS = 4_000;

export function renderMarkdown(result: RunResult): string {
  const detailed = [
    ...result.results.filter((r) => displayStatus(r) === 'fail'),
    ...result.results.filter((r) => r.status === 'error'),
    ...result.results.filter((r) => displayStatus(r) === 'known'),
  ];
  // Drop details from the least important end (known failures, then errors, then the last failures) until it fits.
  let keep = detailed.length;
  let text = compose(result, new Set(detailed.map((r) => r.id)));
  while (text.length > LIMIT && keep > 0) {
    keep--;
    text = compose(result, new Set(detailed.slice(0, keep).map((r) => r.id)));
  }
  return text;
}

function compose(result: RunResult, withDetails: ReadonlySet<string>): string {
  const v = result.verdict;
  const c = countBy(result);
  const s = result.summary;
  const out: string[] = [];
  out.push(`### ${v.conforms ? '✅' : v.headline === 'INCONCLUSIVE' ? '⚠️' : '❌'} ${esc(result.profile)}: ${v.headline}`, '');
  out.push(`${code(result.target)} · ${esc(`${result.tool.name} ${result.tool.version}`)} · ${esc(v.detail)}`, '');
  out.push('| Passed | Failed | Known failures | Errors | Optional, absent | Skipped | Total |', '|---:|---:|---:|---:|---:|---:|---:|');
  const byLevel = s.fail ? ` (${s.failedByLevel.MUST} MUST, ${s.failedByLevel.SHOULD} SHOULD, ${s.failedByLevel.MAY} MAY)` : '';
  out.push(`| ${c.pass} | ${c.fail}${c.known ? '' : byLevel} | ${c.known} | ${c.error} | ${c.absent} | ${c.skip} | ${s.total} |`, '');
  const meta = [`${(result.durationMs / 1000).toFixed(2)} s`, plural(result.requests, 'request'), result.options.keyGiven ? 'key given (redacted)' : 'no key given', result.options.strict ? 'strict' : ''];
  out.push(`<sub>${esc(meta.filter(Boolean).join(' · '))} · started ${esc(result.startedAt)}</sub>`, '');
  if (result.unreachable) out.push(`**Target unreachable:**`, '', fence(result.unreachable), '');

  const b = result.baseline;
  if (b) {
    out.push(`#### Baseline ${code(b.file)}${b.updated ? ' (rewritten by this run)' : ''}`, '');
    out.push(`- New failures (${b.newFailures.length}, gating): ${ids(b.newFailures)}`);
    out.push(`- Known failures (${b.knownFailures.length}, not gating): ${ids(b.knownFailures)}`);
    out.push(`- Now passing (${b.nowPassing.length}${b.nowPassing.length ? ': remove from the baseline' : ''}): ${ids(b.nowPassing)}`, '');
  }

  const section = (title: string, rs: CheckResult[]) => {
    if (rs.length === 0) return;
    out.push(`#### ${title} (${rs.length})`, '', '| Check | Level | Title |', '|---|---|---|');
    for (const r of rs) out.push(`| ${code(r.id)} | ${r.level} | ${esc(r.title)} |`);
    out.push('');
    for (const r of rs) if (withDetails.has(r.id)) out.push(details(r));
    const left = rs.filter((r) => !withDetails.has(r.id)).map((r) => r.id);
    if (left.length) out.push(`Details left out to keep this short (see the HTML or JUnit report): ${ids(left)}`, '');
  };
  section('Failures', result.results.filter((r) => displayStatus(r) === 'fail'));
  section('Errors: could not decide', result.results.filter((r) => r.status === 'error'));
  section('Known failures (baseline)', result.results.filter((r) => displayStatus(r) === 'known'));

  const absent = result.results.filter((r) => r.status === 'absent');
  if (absent.length) {
    out.push(`<details><summary>Optional, absent (${absent.length}): ${esc(ABSENT_NOTE)}</summary>`, '', '| Check | Level | What |', '|---|---|---|');
    for (const r of absent) out.push(`| ${code(r.id)} | ${r.level} | ${esc(r.message)} |`);
    out.push('', '</details>', '');
  }

  const skipped = result.results.filter((r) => r.status === 'skip');
  if (skipped.length) {
    out.push(`<details><summary>Skipped (${skipped.length})</summary>`, '', '| Check | Why |', '|---|---|');
    for (const r of skipped) out.push(`| ${code(r.id)} | ${esc(r.message)} |`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function details(r: CheckResult): string {
  const full = failureBlock(r).join('\n');
  const text = full.length > DETAIL_CHARS ? `${full.slice(0, DETAIL_CHARS)}… [cut: the HTML report has it all]` : full;
  return [`<details><summary><code>${html(r.id)}</code> ${r.level}: ${html(r.title)}</summary>`, '', fence(text), '', '</details>', ''].join('\n');
}

function ids(list: readonly string[]): string {
  return list.length ? list.map(code).join(', ') : 'none';
}
