/** Baselines (--baseline, --update-baseline): known failures do not gate, new ones do, mistakes are usage errors. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/core/types.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { reportsTmp as tmp, startResettingProxy } from './report-fixtures.js';
import { cli } from './helpers.js';
import { serve } from './servers.js';

describe('baselines: known failures do not gate, new ones do', () => {
  let broken: RunningReferenceServer;
  let worse: RunningReferenceServer;
  let clean: RunningReferenceServer;
  beforeAll(async () => {
    broken = await serve(startReferenceServer({ breaks: ['created-ms', 'pricing-missing-some'] }));
    worse = await serve(startReferenceServer({ breaks: ['created-ms', 'pricing-missing-some', 'duplicate-id'] }));
    clean = await serve(startReferenceServer());
  });
  // Exact ids, so checks added to the catalogue later do not change these expectations.
  const only = ['--only', 'NG-LIST-01,NG-LIST-04,NG-LIST-06,NG-DET-09', '--no-color'];
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { note: string; profile: string; knownFailures: string[] };

  it('--update-baseline writes the failing ids; the same run against it conforms; a new failure gates', async () => {
    const file = path.join(tmp(), 'ci/baseline.json');
    const created = await cli(['run', broken.url, ...only, '--baseline', file, '--update-baseline']);
    expect(created.code).toBe(0);
    expect(read(file)).toEqual({ note: expect.stringContaining('--update-baseline'), profile: 'nanogpt', knownFailures: ['NG-LIST-04', 'NG-DET-09'] });
    expect(created.out).toMatch(/Baseline .*baseline\.json \(rewritten by this run\)/);

    const same = await cli(['run', broken.url, ...only, '--baseline', file]);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/known failures \(not gating\): NG-LIST-04, NG-DET-09/);
    expect(same.out).toMatch(/Verdict: CONFORMS/);

    const json = path.join(tmp(), 'run.json');
    const newer = await cli(['run', worse.url, ...only, '--baseline', file, '--json', json]);
    expect(newer.code).toBe(1);
    expect(newer.out).toMatch(/new failures \(gating\): NG-LIST-06/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    expect(report.baseline).toEqual({ file, knownFailures: ['NG-LIST-04', 'NG-DET-09'], newFailures: ['NG-LIST-06'], nowPassing: [], updated: false });
    expect(report.results.find((r) => r.id === 'NG-LIST-04')?.baseline).toBe('known-failure');
    expect(report.results.find((r) => r.id === 'NG-LIST-06')?.baseline).toBeUndefined();
  });

  it('reports listed checks that now pass; --update-baseline drops them but keeps ids it did not re-decide', async () => {
    const file = path.join(tmp(), 'baseline.json');
    writeFileSync(file, JSON.stringify({ profile: 'nanogpt', knownFailures: ['NG-LIST-04', 'NG-DET-09'] }));
    const md = path.join(tmp(), 'summary.md');
    const passing = await cli(['run', clean.url, ...only, '--baseline', file, '--markdown', md]);
    expect(passing.code).toBe(0);
    expect(passing.out).toMatch(/now passing \(remove them from the baseline\): NG-LIST-04, NG-DET-09/);
    expect(readFileSync(md, 'utf8')).toMatch(/Now passing \(2: remove from the baseline\): `NG-LIST-04`, `NG-DET-09`/);

    // --only NG-LIST-04 re-decides NG-LIST-04 (passes: dropped) but not NG-DET-09 (kept).
    const tightened = await cli(['run', clean.url, '--only', 'NG-LIST-04', '--baseline', file, '--update-baseline']);
    expect(tightened.code).toBe(0);
    expect(read(file).knownFailures).toEqual(['NG-DET-09']);
  });

  it('an undecided check stays gating even when the baseline lists it', async () => {
    const proxy = await serve(startResettingProxy(broken.url, (url) => url.startsWith('/api/personalized')));
    const file = path.join(tmp(), 'baseline.json');
    writeFileSync(file, JSON.stringify({ profile: 'nanogpt', knownFailures: ['NG-PERS-01'] }));
    const { code, out } = await cli(['run', proxy.url, '--only', 'NG-PERS-01', '--retries', '0', '--baseline', file, '--no-color']);
    expect(out).toMatch(/! NG-PERS-01/);
    expect(code).toBe(1);
    // ... and --update-baseline does not add it.
    await cli(['run', proxy.url, '--only', 'NG-PERS-01', '--retries', '0', '--baseline', file, '--update-baseline']);
    expect(read(file).knownFailures).toEqual(['NG-PERS-01']); // kept (not re-decided), not newly added
    const fresh = path.join(tmp(), 'fresh.json');
    await cli(['run', proxy.url, '--only', 'NG-PERS-01', '--retries', '0', '--baseline', fresh, '--update-baseline']);
    expect(read(fresh).knownFailures).toEqual([]);
  });

  /** A baseline file with this content, in a fresh directory. */
  const baselineWith = (content: string) => () => {
    const f = path.join(tmp(), 'b.json');
    writeFileSync(f, content);
    return f;
  };
  const cases: [string, () => string, string[], RegExp][] = [
    ['a missing file', () => path.join(tmp(), 'nope.json'), [], /does not exist; create it with --baseline .* --update-baseline/],
    ['--update-baseline alone', () => '', ['--update-baseline'], /--update-baseline needs --baseline <file>/],
    ['invalid JSON', baselineWith('{ nope'), [], /is not valid JSON/],
    ['the wrong shape', baselineWith('{"knownFailures": "NG-LIST-04"}'), [], /must be \{"profile"/],
    ['another profile', baselineWith('{"profile": "openai", "knownFailures": []}'), [], /is for profile "openai", this run is "nanogpt"/],
  ];
  it.each(cases)('is a usage error (exit 2) before any request: %s', async (_name, file, extra, message) => {
    const before = clean.requestCount();
    const f = file();
    const { code, err } = await cli(['run', clean.url, ...(f ? ['--baseline', f] : []), ...extra]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(clean.requestCount()).toBe(before);
  });
});
