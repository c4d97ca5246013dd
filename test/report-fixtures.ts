/**
 * Real runs for the report tests: a broken reference behind a proxy that resets some requests
 * (so one result of each kind exists), a hostile server whose bodies carry markup, control
 * characters and the key it was sent, the normalisation that makes snapshots stable, and the CLI
 * run in-process with its output captured.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyBaseline } from '../reports/baseline.js';
import type { RunResult } from '../src/core/types.js';
import { startReferenceServer } from '../src/reference/server.js';
import { runAgainst } from './helpers.js';
import { listen, type TestServer } from './servers.js';

/** Forwards to `upstream`, except that requests `reset` picks get their connection destroyed. */
export async function startResettingProxy(upstream: string, reset: (url: string) => boolean): Promise<TestServer> {
  return listen((req, res) => {
    if (reset(req.url ?? '')) {
      req.socket.destroy();
      return;
    }
    const up = http.request(`${upstream}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
}

/** One check of each kind: pass (listed in the baseline), known failure, new failure, error, two skips. */
export const SAMPLE_IDS = ['NG-LIST-01', 'NG-LIST-04', 'NG-DET-09', 'NG-SORT-08', 'NG-AUTH-04', 'NG-PERS-01'];
export const SAMPLE_BASELINE = { profile: 'nanogpt', knownFailures: ['NG-LIST-01', 'NG-LIST-04'] };

/** A real run against the reference broken two ways, personalized requests reset, then the baseline applied. */
export async function sampleRun(): Promise<RunResult> {
  const broken = await startReferenceServer({ breaks: ['created-ms', 'pricing-missing-some'] });
  const proxy = await startResettingProxy(broken.url, (url) => url.startsWith('/api/personalized'));
  try {
    const run = await runAgainst(proxy.url, { only: SAMPLE_IDS, retries: 0 });
    return applyBaseline(run, SAMPLE_BASELINE, 'conformance-baseline.json');
  } finally {
    await proxy.close();
    await broken.close();
  }
}

export const HOSTILE_MARKUP = '</script><img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';

/**
 * Answers everything with a broken "model list" that echoes the credentials it got (plain,
 * base64, URL-encoded, upper-cased) in a header and the body, around markup, a Markdown fence,
 * a fake workflow command and characters XML 1.0 forbids.
 */
export function hostileHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const sent = [String(req.headers.authorization ?? '').replace(/^Bearer /, ''), String(req.headers['x-api-key'] ?? '')].filter(Boolean);
  const forms = sent.flatMap((k) => [k, Buffer.from(k).toString('base64'), encodeURIComponent(k), k.toUpperCase()]);
  res.writeHead(200, { 'content-type': 'application/json', 'x-echo': forms.join(' ') || 'none' });
  res.end(
    '```\n{"object":"list","data":[{"id":"' + HOSTILE_MARKUP + '",' +
      '"ctl":"\u0000\u0001\u0008\u000b\u001b[31m\u007f\u0085\ufffe\uffff ]]> & \' \\" %0A\r\n::error title=x::injected",' +
      '"owned_by":"' + forms.join(' ') + '"',
  );
}

/** Volatile values (ports, dates, durations, the clock-derived bound on `created`) made constant. */
export function normalise(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<ISO-DATE>')
    .replace(/\b(date: )\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/gi, '$1<HTTP-DATE>')
    .replace(/time="\d+\.\d+"/g, 'time="<SECONDS>"')
    .replace(/\b\d+ ms\b/g, '<N> ms')
    .replace(/\b\d+\.\d\d s\b/g, '<N> s')
    .replace(/between 0 and \d+/g, 'between 0 and <NOW+1d>');
}


/** A fresh directory for a test's report files. */
export const reportsTmp = (): string => mkdtempSync(path.join(tmpdir(), 'conformance-reports-'));
