/**
 * Conforming oddities: servers that answer unusually but within the docs must get zero `fail`
 * and zero `error` with the key given; only checks that cannot apply may skip.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../src/profiles.js';
import type { ExchangeResponse, RunResult } from '../src/core/types.js';
import { idsWith, runAgainst, statusOf } from './helpers.js';
import { MAY_ABSENT, ODDITIES, startOddity } from './oddity-servers.js';
import { startReferenceServer } from '../src/reference/server.js';
import { serve } from './servers.js';

const untestable = PROFILES.nanogpt!.checks.filter((c) => c.untestable).map((c) => c.id);
/** With every list empty these checks have nothing to judge, so they skip; all the others pass. */
const NOTHING_TO_CHECK = ['NG-DET-02', 'NG-DET-03', 'NG-DET-04', 'NG-DET-05', 'NG-DET-06', 'NG-DET-07', 'NG-DET-08', 'NG-IMG-02'];

/** Every response the checks kept as evidence, and the 429s met before them. */
function responsesOf(result: RunResult): ExchangeResponse[] {
  const exchanges = result.results.flatMap((r) => r.evidence.exchanges);
  return exchanges.flatMap((ex) => [...ex.rateLimited, ...(ex.response ? [ex.response] : [])]);
}

describe('conforming oddities pass with zero failures and zero errors', () => {
  it.each(ODDITIES.map((o) => [o.name, o] as const))('%s', async (_name, oddity) => {
    const server = await serve(startOddity(oddity));
    const result = await runAgainst(server.url, { apiKey: server.apiKey, retries: 2, timeoutMs: oddity.timeoutMs, maxTimeMs: 120_000 });
    const why = (id: string) => `${id}: ${result.results.find((r) => r.id === id)?.message}`;
    expect(idsWith(result, 'fail').map(why), oddity.why).toEqual([]);
    expect(idsWith(result, 'error').map(why), oddity.why).toEqual([]);
    const rateLimited = (oddity.upstream?.rateLimitFirst ?? 0) > 0;
    const expectedSkips = [...untestable, ...(rateLimited ? [] : ['NG-RATE-01']), ...(oddity.name === 'empty-registry' ? NOTHING_TO_CHECK : [])];
    expect(idsWith(result, 'skip').sort()).toEqual(expectedSkips.sort());
    if (rateLimited) expect(statusOf(result, 'NG-RATE-01')).toBe('pass');
    expect(statusOf(result, 'NG-IMG-07')).toBe(oddity.name === MAY_ABSENT ? 'absent' : 'pass');
    // The oddity really reached the suite: a front that changed nothing would prove nothing.
    expect(oddity.seen(responsesOf(result)), `${oddity.name} not visible in the responses`).toBe(true);
  }, 120_000);
});

describe('the proofs that an oddity reached the suite', () => {
  it('all fail on the plain reference, so none is true by accident', async () => {
    const server = await serve(startReferenceServer());
    const responses = responsesOf(await runAgainst(server.url, { apiKey: server.apiKey }));
    expect(ODDITIES.filter((o) => o.seen(responses)).map((o) => o.name)).toEqual([]);
  });
});
