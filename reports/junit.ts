/**
 * JUnit XML, the shape common CI reporters read: one <testsuite> per area, one <testcase> per
 * check. A failure is <failure type="LEVEL">, an undecided check <error>, a skip <skipped>; a
 * baselined known failure is <skipped type="known-failure"> (reported, not gating), as pytest
 * reports an expected failure. An absent optional (MAY) behaviour is a passing testcase whose
 * <system-out> says so: never a failure. Pure function of the RunResult.
 */
import type { CheckResult, RunResult } from '../src/core/types.js';
import { xmlAttr, xmlText } from './encode.js';
import { ABSENT_NOTE, areasOf, displayStatus } from './shared.js';
import { failureBlock } from './terminal.js';

export function renderJUnit(result: RunResult): string {
  const suites = areasOf(result).map(({ area, results }) => suite(result, area, results));
  const all = tally(result.results);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`${result.tool.name} ${result.profile}`)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds(result.durationMs)}" timestamp="${attr(result.startedAt)}">`,
    ...suites,
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suite(result: RunResult, area: string, results: CheckResult[]): string {
  const name = `${result.profile}.${area}`;
  const t = tally(results);
  const time = seconds(results.reduce((sum, r) => sum + r.durationMs, 0));
  return [
    `  <testsuite name="${attr(name)}" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${time}" timestamp="${attr(result.startedAt)}">`,
    '    <properties>',
    ...properties(result).map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`),
    '    </properties>',
    ...results.map((r) => testcase(result, name, r)),
    '  </testsuite>',
  ].join('\n');
}

function properties(result: RunResult): [string, string][] {
  const props: [string, string][] = [
    ['target', result.target],
    ['profile', result.profile],
    ['tool', `${result.tool.name} ${result.tool.version}`],
    ['verdict', result.verdict.headline],
    ['verdict.detail', result.verdict.detail],
    ['exit-code', String(result.verdict.exitCode)],
    ['strict', String(result.options.strict)],
    ['key-given', String(result.options.keyGiven)],
  ];
  if (result.unreachable) props.push(['unreachable', result.unreachable]);
  const b = result.baseline;
  if (b) {
    props.push(['baseline', b.file], ['baseline.known-failures', b.knownFailures.join(' ')], ['baseline.new-failures', b.newFailures.join(' ')], ['baseline.now-passing', b.nowPassing.join(' ')]);
  }
  return props;
}

function testcase(result: RunResult, classname: string, r: CheckResult): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(`${r.id} ${r.title}`)}" time="${seconds(r.durationMs)}"`;
  const block = text(failureBlock(r).join('\n'));
  const inner: string[] = [];
  switch (displayStatus(r)) {
    case 'fail':
      inner.push(`<failure message="${attr(r.message)}" type="${r.level}">${block}</failure>`);
      break;
    case 'known':
      inner.push(`<skipped type="known-failure" message="${attr(`known failure (baseline ${result.baseline?.file ?? ''}): ${r.message}`)}">${block}</skipped>`);
      break;
    case 'error':
      inner.push(`<error message="${attr(r.message)}" type="undecided">${block}</error>`);
      break;
    case 'skip':
      inner.push(`<skipped message="${attr(r.message)}"/>`);
      break;
    case 'absent':
      inner.push(`<system-out>${text(`${r.level}: ${ABSENT_NOTE}: ${r.message}`)}</system-out>`);
      break;
    case 'pass':
      if (result.baseline?.nowPassing.includes(r.id)) {
        inner.push(`<system-out>${text(`passes now but is listed as a known failure in ${result.baseline.file}: remove it (or run --update-baseline)`)}</system-out>`);
      }
  }
  return inner.length ? `${open}>\n${inner.map((l) => `      ${l}`).join('\n')}\n    </testcase>` : `${open}/>`;
}

function tally(results: readonly CheckResult[]) {
  const of = (s: string) => results.filter((r) => displayStatus(r) === s).length;
  return { tests: results.length, failures: of('fail'), errors: of('error'), skipped: of('skip') + of('known') };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The encoders (reports/encode.ts), under the names this module has always exported. */
export const text = xmlText;
export const attr = xmlAttr;
