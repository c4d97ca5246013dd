/**
 * The HTML report in a real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core): what a person sees, the filters, that hostile bodies stay text, that the page
 * loads nothing and logs no error. The JUnit XML is parsed by the browser's strict XML parser.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../reports/html.js';
import { renderJUnit } from '../reports/junit.js';
import { countBy } from '../reports/shared.js';
import type { RunResult } from '../src/core/types.js';
import { runAgainst } from './helpers.js';
import { hostileHandler, HOSTILE_MARKUP, sampleRun } from './report-fixtures.js';
import { serve, type TestServer } from './servers.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(tmpdir(), 'conformance-report.png');
/** The first screen as it opens, light and dark (look at them: the failures are what you see first). */
const SCREENSHOT_TOP = path.join(tmpdir(), 'conformance-report-top.png');
const SCREENSHOT_DARK = path.join(tmpdir(), 'conformance-report-dark.png');
const MISSING = `${CHROMIUM} is missing. The HTML report is tested in a real headless Chromium: install it with
  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
(npm test runs scripts/ensure-chromium.mjs, which does this when run as root with apt-get).`;

interface OpenPage {
  page: Page;
  /** Page errors, console errors and warnings: must stay empty. */
  problems: string[];
  /** Every request the page made other than loading its own file: must stay empty. */
  network: string[];
}

let browser: Browser | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'conformance-html-'));

async function open(html: string, name: string, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenPage> {
  const file = path.join(dir, name);
  writeFileSync(file, html);
  const context = await browser!.newContext({ viewport: { width: 1200, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(5_000); // a missing element fails fast with a clear message
  const problems: string[] = [];
  const network: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) network.push(r.url());
  });
  // Nothing may leave the page; anything that tries is recorded above and refused here.
  await context.route(/^(?!file:)/, (route) => route.abort());
  await page.goto(pathToFileURL(file).href);
  return { page, problems, network };
}

const visibleIds = (page: Page) =>
  page.$$eval('details.check', (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => `${e.id}:${(e as HTMLElement).dataset.status}`));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in Chromium', () => {
  it(`needs ${CHROMIUM}`, () => {
    expect(existsSync(CHROMIUM), MISSING).toBe(true);
  });

  describe('a run with a failure of every kind', () => {
    let result: RunResult;
    let view: OpenPage;
    beforeAll(async () => {
      result = await sampleRun();
      view = await open(renderHtml(result), 'sample.html');
    });

    it('shows the verdict, the counts and the baseline lists', async () => {
      const { page } = view;
      expect(await page.title()).toBe('conformance · nanogpt · DOES NOT CONFORM');
      expect(await page.locator('#verdict').innerText()).toBe('DOES NOT CONFORM — 1 gating check could not be decided; not checked: auth (needs CONFORMANCE_API_KEY)');
      const c = countBy(result);
      expect(await page.locator('#counts').innerText()).toBe(
        [`${result.summary.total} checks`, `${c.fail} failed`, `${c.known} known failure`, `${c.error} error`, `${c.absent} optional, absent`, `${c.skip} skipped`, `${c.pass} passed`].join('\n'),
      );
      const baseline = await page.locator('#baseline').innerText();
      expect(baseline).toContain('New failures (1, gating): NG-DET-09');
      expect(baseline).toContain('Known failures (1, not gating): NG-LIST-04');
      expect(baseline).toContain('Now passing (1, remove them from the baseline): NG-LIST-01');
      expect(await page.locator('#shown').innerText()).toBe('Showing 6 of 6 checks');
    });

    it('opens on what failed: the failing checks by area first, each failure first in its area and expanded', async () => {
      const { page } = view;
      await page.screenshot({ path: SCREENSHOT_TOP });
      const failing = page.locator('#failing');
      expect(await failing.isVisible()).toBe(true);
      expect(await failing.locator('tbody tr').allInnerTexts()).toEqual(['detailed\t1 of 1\tNG-DET-09', 'personalized\t1 of 1\tNG-PERS-01 (undecided)']);
      // Above the fold, under the verdict.
      expect((await failing.boundingBox())!.y).toBeLessThan(900);
      expect(await page.$$eval('main details.check', (els) => els.slice(0, 2).map((e) => `${e.id}:${(e as HTMLDetailsElement).open}`))).toEqual(['NG-DET-09:true', 'NG-PERS-01:true']);
      expect(await page.$$eval('main details.check[open]', (els) => els.map((e) => e.id))).toEqual(['NG-DET-09', 'NG-PERS-01']);
      expect(await page.$$eval('section[data-area="list"] details.check', (els) => els.map((e) => e.id))).toEqual(['NG-LIST-04', 'NG-LIST-01']); // known failure before the pass
    });

    it('a link to a check lands below the sticky filter bar, not under it', async () => {
      const { page } = view;
      await page.locator('#failing a[href="#NG-PERS-01"]').click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#NG-PERS-01');
      const bar = (await page.locator('nav.filters').boundingBox())!;
      const target = (await page.locator('#NG-PERS-01').boundingBox())!;
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      expect(target.y).toBeGreaterThanOrEqual(bar.y + bar.height);
      expect(target.y).toBeLessThan(bar.y + bar.height + 40);
      await page.evaluate(() => window.scrollTo(0, 0));
    });

    it('pretty-prints JSON bodies and marks the value the failure points at', async () => {
      const { page } = view;
      const list04 = page.locator('#NG-LIST-04');
      await list04.locator('summary').click();
      const body = await list04.locator('.response-body').innerText();
      expect(body).toMatch(/^\{\n {2}"object": "list",\n {2}"data": \[\n {4}\{\n {6}"id": /);
      const result04 = result.results.find((r) => r.id === 'NG-LIST-04')!;
      const created = String((JSON.parse(result04.evidence.exchanges[0]!.response!.body) as { data: { created: number }[] }).data[0]!.created);
      expect(await list04.locator('.response-body mark.at').allInnerTexts()).toEqual([created]);
      expect(await list04.locator('.facts').innerText()).toContain('/data/0/created');
    });

    it('follows a dark colour scheme', async () => {
      const dark = await open(renderHtml(result), 'sample-dark.html', 'dark');
      const colours = await dark.page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color, getComputedStyle(document.querySelector('pre')!).backgroundColor]);
      expect(colours).toEqual(['rgb(13, 17, 23)', 'rgb(230, 237, 243)', 'rgb(21, 27, 35)']);
      await dark.page.screenshot({ path: SCREENSHOT_DARK });
      expect(dark.problems).toEqual([]);
      await dark.page.context().close();
      const light = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(light).toBe('rgb(255, 255, 255)');
    });

    it('shows a failing check\'s Expected / Received, evidence and documentation quote', async () => {
      const { page } = view;
      const check = page.locator('#NG-DET-09');
      const facts = await check.locator('.facts').innerText();
      expect(facts).toMatch(/Expected\s+pricing on every detailed model/);
      expect(facts).toMatch(/Received\s+first without: openai\/gpt-5.2-pro/);
      expect(await check.locator('.request').innerText()).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models\?detailed=true$/);
      expect(await check.locator('.status').innerText()).toMatch(/^HTTP 200 · application\/json; charset=utf-8 · 7612 bytes · \d+ ms$/);
      expect(await check.locator('pre.headers').nth(1).innerText()).toContain('content-type: application/json; charset=utf-8');
      expect(await check.locator('.response-body').innerText()).toMatch(/^\{\n {2}"object": "list",\n {2}"data": \[/);
      expect(await check.locator('.curl').innerText()).toMatch(/^curl -sS -i 'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models\?detailed=true'$/);
      expect(await check.locator('blockquote.doc').innerText()).toMatch(/“Detailed Mode: Enhanced information with pricing and model descriptions”\s+nanogpt-models-api.txt § Features/);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    });

    it('filters by status and by level', async () => {
      const { page } = view;
      await page.getByRole('button', { name: 'Failures and errors only' }).click();
      expect(await visibleIds(page)).toEqual(['NG-DET-09:fail', 'NG-PERS-01:error']);
      expect(await page.locator('#shown').innerText()).toBe('Showing 2 of 6 checks');
      expect(await page.locator('section.area[data-area="list"]').isVisible()).toBe(false); // an area left empty hides

      await page.getByRole('checkbox', { name: /^failed/ }).uncheck();
      expect(await visibleIds(page)).toEqual(['NG-PERS-01:error']);

      await page.getByRole('button', { name: 'Show all' }).click();
      expect(await visibleIds(page)).toHaveLength(6);
      await page.getByRole('checkbox', { name: /^MUST/ }).uncheck();
      expect(await visibleIds(page)).toEqual(['NG-DET-09:fail']);
      await page.getByRole('checkbox', { name: /^known failures/ }).uncheck();
      await page.getByRole('checkbox', { name: /^MUST/ }).check();
      expect(await visibleIds(page)).not.toContain('NG-LIST-04:known');
    });

    it('logged no error and fetched nothing', () => {
      expect(view.problems).toEqual([]);
      expect(view.network).toEqual([]);
    });
  });

  describe('a hostile server', () => {
    const secret = 'sk-live-Browser-Secret-0123456789';
    let server: TestServer;
    let result: RunResult;
    let view: OpenPage;
    beforeAll(async () => {
      server = await serve(hostileHandler);
      result = await runAgainst(server.url, { apiKey: secret, only: ['NG-LIST', 'NG-AUTH'], retries: 0 });
      view = await open(renderHtml(result), 'hostile.html');
    });

    it('shows the markup it sent as text: nothing runs, no element is created', async () => {
      const { page } = view;
      expect(await page.locator('#NG-LIST-01').getAttribute('open')).not.toBeNull(); // a failure opens expanded
      expect(await page.locator('#NG-LIST-01 .response-body').innerText()).toContain(HOSTILE_MARKUP);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
    });

    it('shows no form of the key it echoed', async () => {
      expect(server.requests.some((r) => r.headers['x-api-key'] === secret)).toBe(true);
      const seen = (await view.page.content()) + (await view.page.locator('body').innerText());
      for (const form of [secret, Buffer.from(secret).toString('base64').replace(/=+$/, ''), encodeURIComponent(secret), secret.toUpperCase()]) {
        expect(seen).not.toContain(form);
      }
      expect(seen).toContain('[REDACTED]');
    });

    it('its JUnit XML is well-formed for a strict XML parser, with counts that match the summary', async () => {
      const xml = renderJUnit(result);
      const parsed = await view.page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'application/xml');
        const error = doc.querySelector('parsererror');
        const n = (sel: string) => doc.querySelectorAll(sel).length;
        const root = doc.documentElement;
        const list01 = [...doc.querySelectorAll('testcase')].find((t) => t.getAttribute('name')?.startsWith('NG-LIST-01 '));
        return {
          error: error?.textContent ?? null,
          testcases: n('testcase'),
          failures: n('testcase > failure'),
          errors: n('testcase > error'),
          skipped: n('testcase > skipped'),
          rootCounts: ['tests', 'failures', 'errors', 'skipped'].map((a) => Number(root.getAttribute(a))),
          list01Failure: list01?.querySelector('failure')?.textContent ?? '',
        };
      }, xml);
      expect(parsed.error).toBeNull();
      const c = countBy(result);
      expect(c.fail).toBeGreaterThan(0);
      expect(parsed.testcases).toBe(result.summary.total);
      expect(parsed.failures).toBe(c.fail);
      expect(parsed.errors).toBe(c.error);
      expect(parsed.skipped).toBe(c.skip + c.known);
      expect(parsed.rootCounts).toEqual([result.summary.total, c.fail, c.error, c.skip + c.known]);
      // Round trip: the parser gets back the text the server sent, control characters made visible.
      expect(parsed.list01Failure).toContain('</script><img src=x');
      expect(parsed.list01Failure).toContain('\\u0000\\u0001');
    });

    it('logged no error and fetched nothing', () => {
      expect(view.problems).toEqual([]);
      expect(view.network).toEqual([]);
    });
  });
});
