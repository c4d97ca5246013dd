/** Quota accounting: documented, but not observable without exhausting a real key's quota. */
import { checks, ref } from '../define.js';
import { SEED } from './requests.js';

export const rateLimitChecks = checks('rate-limit', [
  {
    id: 'CLB-RATE-01',
    title: 'Each /v1/models request counts toward the key\'s request quota',
    level: 'MUST',
    reference: ref(SEED, 'Rate Limiting', 'Each request counts toward your API key’s request quota.'),
    untestable: 'quota use is not visible in the response; observing it means exhausting the key\'s quota, which a conformance run must not do. 429 bodies met during a run are checked by CLB-ERR-02.',
  },
]);
