/**
 * The proof of the verdicts: the reference passes every check, and every deliberately broken
 * variant of it (a real server on 127.0.0.1) is failed by the check meant to catch it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MATRIX_TARGETS, runProfile } from '../src/reference/matrix.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { idsWith, runAgainst, statusOf } from './helpers.js';
import { PROFILES } from '../src/profiles.js';
import { serve } from './servers.js';

describe('the reference server', () => {
  let server: RunningReferenceServer;
  beforeAll(async () => {
    server = await serve(startReferenceServer());
  });

  it('passes every testable check with its key, with no failure and no error', async () => {
    const result = await runAgainst(server.url, { apiKey: server.apiKey });
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(idsWith(result, 'error')).toEqual([]);
    const untestable = PROFILES.nanogpt!.checks.filter((c) => c.untestable).map((c) => c.id);
    // Only the untestable checks and the 429 check (no 429 was met) are skipped.
    expect(idsWith(result, 'skip').sort()).toEqual([...untestable, 'NG-RATE-01'].sort());
  });

  it('without a key skips exactly the checks that need one, and still fails none', async () => {
    const result = await runAgainst(server.url);
    const needKey = PROFILES.nanogpt!.checks.filter((c) => c.requires?.includes('apiKey')).map((c) => c.id);
    for (const id of needKey) expect(statusOf(result, id), id).toBe('skip');
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(idsWith(result, 'error')).toEqual([]);
  });

  it('passes the 429 check when the first answers are documented 429s, after retrying', async () => {
    const limited = await serve(startReferenceServer({ rateLimitFirst: 3 }));
    const result = await runAgainst(limited.url, { apiKey: limited.apiKey, retries: 3 });
    expect(statusOf(result, 'NG-RATE-01')).toBe('pass');
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(idsWith(result, 'error')).toEqual([]);
  });
});

// Every profile with a table of broken variants (src/reference/matrix.ts), one test per variant.
for (const [profile, load] of Object.entries(MATRIX_TARGETS)) {
  describe(`every broken ${profile} variant is caught by the check meant for it`, async () => {
    const target = await load();
    const names = Object.keys(target.breaks);

    it.each(names)('%s', async (name) => {
      // Through serve(), and closed at once: a file's worth of variants must not stay open together.
      const server = await serve(target.start([name]));
      try {
        const result = await runProfile(profile, server.url, { apiKey: server.apiKey, extraEnv: server.extraEnv });
        for (const id of target.breaks[name]!.kills) {
          const r = result.results.find((x) => x.id === id);
          expect(r?.status, `${name} must fail ${id}; it was ${r?.status}: ${r?.message}`).toBe('fail');
        }
        // A broken server is a server failure, never a tool error.
        expect(idsWith(result, 'error'), `${name} produced errors`).toEqual([]);
      } finally {
        await server.close();
      }
    });

    it('leaves no testable check without a variant that kills it', () => {
      const killed = new Set(Object.values(target.breaks).flatMap((b) => b.kills));
      // A MAY check cannot fail (absent is allowed): test/verdicts.test.ts proves it absent, the reference proves it present.
      const testable = PROFILES[profile]!.checks.filter((c) => !c.untestable && c.level !== 'MAY').map((c) => c.id);
      expect(testable.filter((id) => !killed.has(id))).toEqual([]);
    });
  });
}

it('covers every profile with a matrix', () => {
  expect(Object.keys(MATRIX_TARGETS).sort()).toEqual(Object.keys(PROFILES).sort());
});
