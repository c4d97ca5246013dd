/**
 * The verdict and the status model as every writer shows them, on real runs: a keyless run that
 * could decide nothing (INCONCLUSIVE, exit 4), a keyless run with whole areas left unchecked, and a
 * server that does not offer an optional (MAY) behaviour (absent: never a failure, in any report).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/core/types.js';
import { exitCodeFor } from '../src/core/runner.js';
import { judge } from '../src/core/verdict.js';
import { startOpenAiReferenceServer, type RunningServer } from '../src/reference/openai-server.js';
import { renderTerminal } from '../reports/terminal.js';
import { renderJson } from '../reports/json.js';
import { renderJUnit } from '../reports/junit.js';
import { renderHtml } from '../reports/html.js';
import { renderMarkdown } from '../reports/markdown.js';
import { renderAnnotations } from '../reports/github.js';
import { runCli } from '../src/cli/cli.js';
import { runAgainst, statusOf } from './helpers.js';
import { MAY_ABSENT, ODDITIES, startOddity } from './oddity-servers.js';
import { serve } from './servers.js';

function everyWriter(result: RunResult) {
  return {
    terminal: renderTerminal(result, { color: false }),
    json: renderJson(result),
    junit: renderJUnit(result),
    html: renderHtml(result),
    markdown: renderMarkdown(result),
    annotations: renderAnnotations(result),
  };
}

describe('no green without evidence', () => {
  let keyed: RunningServer;
  let open: RunningServer;
  beforeAll(async () => {
    [keyed, open] = await Promise.all([serve(startOpenAiReferenceServer()), serve(startOpenAiReferenceServer({ requireKey: false }))]);
  });

  it('a keyless openai run against a server that wants a key is INCONCLUSIVE (exit 4), naming the key, in every report', async () => {
    const result = await runAgainst(keyed.url, { profile: 'openai' });
    expect(result.summary.fail).toBe(0);
    expect(result.verdict).toMatchObject({ headline: 'INCONCLUSIVE', conforms: false, exitCode: 4, missing: ['CONFORMANCE_API_KEY'] });
    expect(result.verdict.detail).toMatch(/^no MUST check of list was decided: they need a key \(set CONFORMANCE_API_KEY\)/);
    expect(exitCodeFor(result)).toBe(4);
    const out = everyWriter(result);
    expect(out.terminal).toMatch(/\nVerdict: INCONCLUSIVE — no MUST check of list was decided: they need a key \(set CONFORMANCE_API_KEY\); not checked: auth \(needs CONFORMANCE_API_KEY\), retrieve \(needs CONFORMANCE_API_KEY\)\n$/);
    expect(JSON.parse(out.json).verdict).toEqual(result.verdict);
    expect(out.junit).toContain('<property name="verdict" value="INCONCLUSIVE"/>');
    expect(out.junit).toContain('<property name="exit-code" value="4"/>');
    expect(out.html).toMatch(/id="verdict"><strong>INCONCLUSIVE<\/strong> — no MUST check of list was decided/);
    expect(out.markdown).toMatch(/^### ⚠️ openai: INCONCLUSIVE\n/);
    expect(out.annotations).toMatch(/^::error title=conformance verdict%3A INCONCLUSIVE::no MUST check of list was decided: they need a key/);
  });

  it('a keyless run that checks the list but not the auth rules conforms and says what went unchecked', async () => {
    const result = await runAgainst(open.url, { profile: 'openai' });
    expect(result.verdict).toMatchObject({ headline: 'CONFORMS', exitCode: 0, unchecked: [{ area: 'auth', needs: ['CONFORMANCE_API_KEY'] }] });
    const out = everyWriter(result);
    expect(out.terminal).toMatch(/\nVerdict: CONFORMS — no MUST check failed; not checked: auth \(needs CONFORMANCE_API_KEY\)\n$/);
    expect(out.markdown).toContain('no MUST check failed; not checked: auth (needs CONFORMANCE\\_API\\_KEY)');
    expect(out.annotations).toMatch(/^::warning title=conformance verdict%3A CONFORMS::/);
  });

  it('with the key, the same server conforms with nothing left unchecked', async () => {
    const result = await runAgainst(keyed.url, { profile: 'openai', apiKey: keyed.apiKey });
    expect(result.verdict).toMatchObject({ headline: 'CONFORMS', exitCode: 0, unchecked: [], missing: [] });
    expect(renderAnnotations(result)).toMatch(/^::notice title=conformance verdict%3A CONFORMS::no MUST check failed\n/);
  });

  it('the CLI exits 4 on it, and --help documents 4 with the other codes', async () => {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true }, env: {} };
    expect(await runCli(['run', keyed.url, '--profile', 'openai'], io)).toBe(4);
    expect(out.join('')).toContain('Verdict: INCONCLUSIVE');
    out.length = 0;
    await runCli(['--help'], io);
    expect(out.join('')).toMatch(/0 conforms · 1 a MUST check failed[\s\S]*3 target unreachable\n\s+4 inconclusive/);
  });
});

describe('a MAY behaviour that is absent is reported as absent, never as a failure', () => {
  let result: RunResult;
  beforeAll(async () => {
    const server = await serve(startOddity(ODDITIES.find((o) => o.name === MAY_ABSENT)!));
    result = await runAgainst(server.url, { apiKey: server.apiKey, only: ['NG-LIST-01', 'NG-IMG'] });
  });

  it('in the result model: status absent, counted apart, the run conforms', () => {
    expect(statusOf(result, 'NG-IMG-07')).toBe('absent');
    expect(result.summary).toMatchObject({ fail: 0, absent: 1, failedByLevel: { MUST: 0, SHOULD: 0, MAY: 0 } });
    expect(result.verdict).toMatchObject({ headline: 'CONFORMS', exitCode: 0 });
  });

  it('in every writer', () => {
    const out = everyWriter(result);
    expect(out.terminal).toMatch(/○ NG-IMG-07 {3}MAY {4}detailed=false leaves out the detailed fields\n {6}optional \(MAY\) behaviour not offered: allowed, not a failure: detailed=false: /);
    expect(out.terminal).toMatch(/: \d+ passed, 0 failed, 1 optional absent, 0 skipped, 0 errors/);
    expect(JSON.parse(out.json).results.find((r: { id: string }) => r.id === 'NG-IMG-07').status).toBe('absent');
    const testcase = /<testcase classname="nanogpt\.image" name="NG-IMG-07[^"]*"[^>]*>([\s\S]*?)<\/testcase>/.exec(out.junit)?.[1] ?? '';
    expect(testcase).toMatch(/<system-out>MAY: optional \(MAY\) behaviour not offered/);
    expect(testcase).not.toMatch(/<failure|<error|<skipped/);
    expect(out.junit).toMatch(/<testsuites [^>]*failures="0" errors="0" skipped="0"/);
    expect(out.html).toMatch(/<details class="check s-absent" id="NG-IMG-07" data-status="absent" data-level="MAY">/);
    expect(out.markdown).toMatch(/\| \d+ \| 0 \| 0 \| 0 \| 1 \| 0 \| \d+ \|/);
    expect(out.markdown).toContain('Optional, absent (1)');
    expect(out.markdown).not.toContain('#### Failures');
    expect(out.annotations).toMatch(/::notice title=NG-IMG-07 [^:]*\(MAY%2C absent\)::/);
    expect(out.annotations).not.toMatch(/::(error|warning) /);
  });
});

describe('judge(): the verdict rules on their own', () => {
  type R = RunResult['results'][number];
  const r = (id: string, area: string, level: R['level'], status: R['status'], extra: Partial<R> = {}): R =>
    ({ id, title: id, level, area, status, reference: { source: 's', url: 'https://x', section: 's', quote: 'q' }, message: status, evidence: { exchanges: [] }, durationMs: 0, ...extra });
  const of = (results: R[], strict = false) => judge({ options: { strict, only: [], skip: [], keyGiven: false }, results });

  it('a failure gates; it wins over an undecided core area', () => {
    expect(of([r('L-1', 'list', 'MUST', 'skip', { needs: 'apiKey' }), r('A-1', 'auth', 'MUST', 'fail')])).toMatchObject({ headline: 'DOES NOT CONFORM', exitCode: 1, gating: ['A-1'] });
  });

  it('the core area is the first selected check\'s: a passing check elsewhere does not make a skipped list green', () => {
    const v = of([r('L-1', 'list', 'MUST', 'skip', { needs: 'apiKey' }), r('E-1', 'errors', 'MUST', 'pass')]);
    expect(v).toMatchObject({ headline: 'INCONCLUSIVE', exitCode: 4, missing: ['CONFORMANCE_API_KEY'], unchecked: [{ area: 'list', needs: ['CONFORMANCE_API_KEY'] }] });
    expect(v.detail).toBe('no MUST check of list was decided: they need a key (set CONFORMANCE_API_KEY)');
  });

  it('a known failure is decided evidence; a skip for a restricted key is named', () => {
    const v = of([r('L-1', 'list', 'MUST', 'fail', { baseline: 'known-failure' }), r('F-1', 'filtering', 'MUST', 'skip', { needs: 'restrictedKey' })]);
    expect(v).toMatchObject({ headline: 'CONFORMS', exitCode: 0, missing: ['CONFORMANCE_RESTRICTED_API_KEY'] });
    expect(v.detail).toBe('no MUST check failed (1 known failure listed in the baseline); not checked: filtering (needs CONFORMANCE_RESTRICTED_API_KEY)');
  });

  it('SHOULD checks are evidence only with --strict; absent and skipped MAY checks never gate', () => {
    expect(of([r('L-5', 'list', 'SHOULD', 'pass'), r('I-7', 'image', 'MAY', 'absent')]).headline).toBe('INCONCLUSIVE');
    expect(of([r('L-5', 'list', 'SHOULD', 'pass'), r('I-7', 'image', 'MAY', 'absent')], true).headline).toBe('CONFORMS');
    expect(of([r('L-1', 'list', 'MUST', 'pass'), r('I-7', 'image', 'MAY', 'absent')])).toMatchObject({ headline: 'CONFORMS', unchecked: [] });
  });

  it('an area skipped for no missing prerequisite (no 429 met) is not called unchecked', () => {
    expect(of([r('L-1', 'list', 'MUST', 'pass'), r('R-1', 'rate-limit', 'MUST', 'skip')]).unchecked).toEqual([]);
  });
});
