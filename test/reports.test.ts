/**
 * The report writers (JUnit, HTML, Markdown, GitHub annotations), from real runs against real
 * servers on 127.0.0.1: snapshots, counts that match the summary, escaping of whatever a server
 * sends, secrets, and the CLI flags end to end. Baselines: test/baseline.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderAnnotations } from '../reports/github.js';
import { renderHtml } from '../reports/html.js';
import { attr, renderJUnit, text } from '../reports/junit.js';
import { renderMarkdown } from '../reports/markdown.js';
import { countBy } from '../reports/shared.js';
import { renderTerminal } from '../reports/terminal.js';
import type { RunResult } from '../src/core/types.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { runAgainst } from './helpers.js';
import { hostileHandler, HOSTILE_MARKUP, normalise, reportsTmp as tmp, sampleRun } from './report-fixtures.js';
import { cli } from './helpers.js';
import { serve, type TestServer } from './servers.js';

const count = (haystack: string, needle: RegExp) => (haystack.match(needle) ?? []).length;

describe('every writer renders the same run', () => {
  let result: RunResult;
  beforeAll(async () => {
    result = await sampleRun();
  });

  it('the sample run has one result of each kind (so the snapshots show them all)', () => {
    const byId = Object.fromEntries(result.results.map((r) => [r.id, `${r.status}${r.baseline ? `/${r.baseline}` : ''}`]));
    expect(byId).toEqual({
      'NG-LIST-01': 'pass',
      'NG-LIST-04': 'fail/known-failure',
      'NG-DET-09': 'fail',
      'NG-SORT-08': 'skip',
      'NG-AUTH-04': 'skip',
      'NG-PERS-01': 'error',
    });
    expect(result.baseline).toMatchObject({ knownFailures: ['NG-LIST-04'], newFailures: ['NG-DET-09'], nowPassing: ['NG-LIST-01'] });
  });

  it('matches the snapshots (ports, dates and durations normalised)', async () => {
    await expect(normalise(renderJUnit(result))).toMatchFileSnapshot('__snapshots__/sample.junit.xml');
    await expect(normalise(renderHtml(result))).toMatchFileSnapshot('__snapshots__/sample.html');
    await expect(normalise(renderMarkdown(result))).toMatchFileSnapshot('__snapshots__/sample.md');
    await expect(normalise(renderAnnotations(result))).toMatchFileSnapshot('__snapshots__/sample.annotations.txt');
  });

  it('each writer names the failures, the error and the three baseline lists', () => {
    const outputs = {
      junit: renderJUnit(result),
      html: renderHtml(result),
      markdown: renderMarkdown(result),
      annotations: renderAnnotations(result),
      terminal: renderTerminal(result, { color: false }),
    };
    for (const [name, out] of Object.entries(outputs)) {
      for (const id of ['NG-LIST-04', 'NG-DET-09', 'NG-PERS-01', 'NG-LIST-01']) expect(out, `${name} names ${id}`).toContain(id);
      expect(out, `${name} shows the Expected line`).toMatch(/Expected/);
      expect(out, `${name} shows a curl reproduction`).toMatch(/curl -sS -i 'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models\?detailed=true'/);
    }
    expect(outputs.terminal).toMatch(/new failures \(gating\): NG-DET-09\n {2}known failures \(not gating\): NG-LIST-04\n {2}now passing .*: NG-LIST-01/);
    expect(outputs.terminal).toMatch(/NG-LIST-04 .*\[known failure: in the baseline, not gating\]/);
    // The known failure is not what makes the run fail: the MUST error is.
    expect(outputs.terminal).toMatch(/Verdict: DOES NOT CONFORM — 1 gating check could not be decided/);
    expect(outputs.markdown).toMatch(/New failures \(1, gating\): `NG-DET-09`/);
    expect(outputs.html).toMatch(/Now passing \(1, remove them from the baseline\): <a href="#NG-LIST-01">/);
  });

  it('JUnit: one suite per area, one testcase per check, counts that match the summary', () => {
    const xml = renderJUnit(result);
    const c = countBy(result);
    expect(count(xml, /<testsuite /g)).toBe(new Set(result.results.map((r) => r.area)).size);
    expect(count(xml, /<testcase /g)).toBe(result.summary.total);
    expect(count(xml, /<failure /g)).toBe(c.fail);
    expect(count(xml, /<error /g)).toBe(c.error);
    expect(count(xml, /<skipped /g)).toBe(c.skip + c.known);
    expect(xml).toMatch(new RegExp(`<testsuites name="conformance nanogpt" tests="${result.summary.total}" failures="${c.fail}" errors="${c.error}" skipped="${c.skip + c.known}"`));
    expect(xml).toContain('<testcase classname="nanogpt.detailed" name="NG-DET-09 Every detailed model carries pricing"');
    expect(xml).toMatch(/<failure message="on GET \/api\/v1\/models\?detailed=true [^"]*: 1 of 11 detailed models carry no pricing" type="SHOULD">on GET /);
    expect(xml).toMatch(/<skipped type="known-failure" message="known failure \(baseline conformance-baseline.json\)/);
    expect(xml).toMatch(/<skipped message="needs a valid key: set CONFORMANCE_API_KEY"\/>/);
    expect(xml).toMatch(/<property name="target" value="http:\/\/127\.0\.0\.1:\d+"\/>/);
  });

  it('HTML: nothing outside the file is referenced, and a CSP forbids loading anything', () => {
    const html = renderHtml(result);
    const refs = [...html.matchAll(/\s(?:src|href|action|formaction|srcset|poster|data|background|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) => m[1]!.replace(/^["']|["']$/g, ''));
    expect(refs.length).toBeGreaterThan(0); // the baseline links exist, so this looks at something
    for (const ref of refs) expect(ref, 'only in-page links').toMatch(/^#/);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+; script-src &#39;sha256-/);
    expect(count(html, /<script/g)).toBe(1);
    expect(count(html, /<details class="check/g)).toBe(result.summary.total);
  });
});

describe('escaping: a server can send anything', () => {
  let hostile: TestServer;
  let result: RunResult;
  const secret = 'sk-live-Hostile-Secret-0123456789';
  beforeAll(async () => {
    hostile = await serve(hostileHandler);
    result = await runAgainst(hostile.url, { apiKey: secret, only: ['NG-LIST', 'NG-AUTH'], retries: 0 });
  });

  it('the hostile server really fails checks with its body as evidence', () => {
    const r = result.results.find((x) => x.id === 'NG-LIST-01');
    expect(r?.status).toBe('fail');
    expect(r?.evidence.exchanges[0]?.response?.body).toContain(HOSTILE_MARKUP);
  });

  it('XML: markup escaped, invalid characters made visible, attributes keep quotes and newlines', () => {
    expect(text('a < b & c > d\r')).toBe('a &lt; b &amp; c &gt; d&#13;');
    expect(attr('say "hi"\nthen\tgo')).toBe('say &quot;hi&quot;&#10;then&#9;go');
    expect(text('\u0000\u001b\ufffe\ud800ok')).toBe('\\u0000\\u001b\\ufffe\\ud800ok');
    const xml = renderJUnit(result);
    // Nothing XML 1.0 forbids survives, whatever the body held.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toContain(HOSTILE_MARKUP);
    expect(xml).toContain('&lt;/script&gt;&lt;img src=x onerror=window.__pwned=1&gt;');
  });

  it('HTML: the markup is text, not elements', () => {
    const html = renderHtml(result);
    expect(html).not.toContain('<img');
    expect(count(html, /<script/g)).toBe(1);
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=window.__pwned=1&gt;');
  });

  it('Markdown: server text stays inside a fence it cannot close, no @mentions or raw HTML outside', () => {
    const md = renderMarkdown(result);
    expect(md).toContain('````text'); // the body starts with ```, so the fence is longer
    expect(md.length).toBeLessThan(65_536);
    const outsideFences = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(outsideFences).not.toContain('<img');
    expect(outsideFences).not.toContain('</script>');
  });

  it('Markdown: a run where nearly everything fails still fits a pull-request comment, naming what it left out', async () => {
    const everything = await runAgainst(hostile.url, { apiKey: secret, retries: 0 });
    const failing = everything.results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failing.length).toBeGreaterThan(40); // big enough that every detail would not fit
    const md = renderMarkdown(everything);
    expect(md.length).toBeLessThanOrEqual(60_000);
    for (const id of failing) expect(md).toContain(`\`${id}\``); // every failure is at least named
    expect(md).toMatch(new RegExp(`Details left out to keep this short \\(see the HTML or JUnit report\\): .*\`${failing.at(-1)}\``));
  });

  it('annotations: every line is one workflow command; newlines and % in messages are encoded', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a: b, c')).toBe('a%3A b%2C c');
    const out = renderAnnotations(result);
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) title=[^:]*::/);
    expect(out).toContain('::error title=NG-LIST-01 ');
  });

  it('no writer contains the key in any form the server echoed', () => {
    const forms = [secret, Buffer.from(secret).toString('base64').replace(/=+$/, ''), encodeURIComponent(secret), secret.toUpperCase()];
    // The server did echo it (so the test means something).
    expect(hostile.requests.some((r) => r.headers.authorization === `Bearer ${secret}`)).toBe(true);
    for (const out of [renderJUnit(result), renderHtml(result), renderMarkdown(result), renderAnnotations(result), renderTerminal(result, { color: false })]) {
      for (const form of forms) expect(out).not.toContain(form);
    }
    expect(renderHtml(result)).toContain('[REDACTED]');
  });
});

describe('conformance run --junit --html --markdown, and GitHub Actions', () => {
  let broken: RunningReferenceServer;
  beforeAll(async () => {
    broken = await serve(startReferenceServer({ breaks: ['created-ms', 'pricing-missing-some'] }));
  });

  it('writes the three reports (creating directories) and, in Actions, annotations and the job summary', async () => {
    const dir = tmp();
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, 'from an earlier step\n');
    const files = { junit: path.join(dir, 'out/junit.xml'), html: path.join(dir, 'out/report.html'), markdown: path.join(dir, 'out/summary.md') };
    const { code, out } = await cli(['run', broken.url, '--only', 'NG-LIST,NG-DET', '--no-color', '--junit', files.junit, '--html', files.html, '--markdown', files.markdown], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(code).toBe(1);
    for (const f of Object.values(files)) expect(existsSync(f), f).toBe(true);
    expect(readFileSync(files.junit, 'utf8')).toMatch(/<failure message="on GET \/api\/v1\/models [^"]*: \/data\/0\/created = 1735689600000 looks like milliseconds" type="MUST">/);
    expect(readFileSync(files.html, 'utf8')).toMatch(/id="NG-LIST-04" data-status="fail" data-level="MUST"/);
    const md = readFileSync(files.markdown, 'utf8');
    expect(md).toMatch(/^### ❌ nanogpt: DOES NOT CONFORM/);
    expect(readFileSync(summary, 'utf8')).toBe(`from an earlier step\n${md}\n`);
    expect(out).toMatch(/^::error title=NG-LIST-04 created is a Unix time in seconds \(not milliseconds%2C .*\(MUST\)::on GET \/api\/v1\/models .*: \/data\/0\/created = 1735689600000 looks like milliseconds%0A/m);
    expect(out).toMatch(/^::warning title=NG-DET-09 Every detailed model carries pricing \(SHOULD\)::/m);
  });

  it('outside Actions prints no workflow commands and leaves the job summary alone', async () => {
    const dir = tmp();
    const summary = path.join(dir, 'step-summary.md');
    const { code, out } = await cli(['run', broken.url, '--only', 'NG-LIST-04'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(1);
    expect(out).not.toMatch(/^::/m);
    expect(existsSync(summary)).toBe(false);
  });

  it('with --json - the annotations go to stderr, so stdout stays one JSON document', async () => {
    const { out, err } = await cli(['run', broken.url, '--only', 'NG-LIST-04', '--json', '-'], { GITHUB_ACTIONS: 'true' });
    expect((JSON.parse(out) as RunResult).summary.fail).toBe(1);
    expect(err).toMatch(/^::error title=NG-LIST-04 /m);
  });

  it('an unwritable report path is a usage error naming the file', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'file'), '');
    const { code, err } = await cli(['run', broken.url, '--only', 'NG-LIST-04', '--junit', path.join(dir, 'file/junit.xml')]);
    expect(code).toBe(2);
    expect(err).toMatch(/cannot write .*file\/junit\.xml/);
  });

  it('never writes the key anywhere, even when the server echoes it in headers and bodies', async () => {
    const secret = 'sk-live-Very-Secret-0123456789';
    const echo = await serve(hostileHandler);
    const dir = tmp();
    const summary = path.join(dir, 'step-summary.md');
    const files = [path.join(dir, 'j.xml'), path.join(dir, 'r.html'), path.join(dir, 's.md'), path.join(dir, 'run.json')];
    const { out, err } = await cli(['run', echo.url, '--junit', files[0]!, '--html', files[1]!, '--markdown', files[2]!, '--json', files[3]!], {
      CONFORMANCE_API_KEY: secret,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(echo.requests.some((r) => r.headers['x-api-key'] === secret)).toBe(true);
    const forms = [secret, Buffer.from(secret).toString('base64').replace(/=+$/, ''), encodeURIComponent(secret), secret.toUpperCase()];
    const texts = [out, err, ...[...files, summary].map((f) => readFileSync(f, 'utf8'))];
    for (const t of texts) for (const form of forms) expect(t).not.toContain(form);
    expect(readFileSync(files[1]!, 'utf8')).toContain('[REDACTED]');
  });
});
