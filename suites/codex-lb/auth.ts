/** A missing or wrong key gets 401: decidable with no key configured at all. */
import { checks, ref } from '../define.js';
import { expectStatus, pass } from '../../src/core/expect.js';
import type { CheckContext, RequestSpec, Verdict } from '../../src/core/types.js';
import { invalidKey, noKey, SEED } from './requests.js';

const QUOTE = '401 Unauthorized: Invalid or missing API key';
const RULING = 'codex-lb can run with API-key auth switched off (dashboard setting apiKeyAuthEnabled); loopback callers then get 200 without a key. That contradicts the documented contract and fails here: check such a deployment with --skip CLB-AUTH.';

function rejects(spec: RequestSpec, what: string) {
  return async (ctx: CheckContext): Promise<Verdict> => {
    const ex = await ctx.exchange(spec);
    expectStatus(ex, 401, `${what} must be refused`);
    return pass(`${what}: 401`, [ex]);
  };
}

export const authChecks = checks('auth', [
  {
    id: 'CLB-AUTH-01',
    title: 'Without a key, GET /v1/models answers 401',
    level: 'MUST',
    reference: ref(SEED, 'Error Handling', QUOTE, RULING),
    run: rejects(noKey, 'no Authorization header'),
  },
  {
    id: 'CLB-AUTH-02',
    title: 'With a wrong Bearer key, GET /v1/models answers 401',
    level: 'MUST',
    reference: ref(SEED, 'Error Handling', QUOTE, RULING),
    run: rejects(invalidKey, 'a wrong Bearer key'),
  },
]);
