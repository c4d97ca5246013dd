/** Per-key filtering: a key with allowed_models sees only those models. */
import { checks, ref } from '../define.js';
import { describeDifference, expectSameSet, fail, listOf, listPreview, pass, skip } from '../../src/core/expect.js';
import { RESTRICTED_MODELS_ENV } from '../../src/core/engine.js';
import { restricted, SEED, withKey } from './requests.js';

export const filteringChecks = checks('filtering', [
  {
    id: 'CLB-FILTER-01',
    title: 'A key with allowed_models sees a subset of the full list',
    level: 'MUST',
    requires: ['apiKey', 'restrictedKey'],
    reference: ref(SEED, 'API Key Restrictions', 'If your API key hasallowed_models configured, the response will only include those models:',
      'CONFORMANCE_API_KEY must be a key without allowed_models: its list is the full list the restricted one is compared with.'),
    async run(ctx) {
      const [exFull, exRestricted] = await Promise.all([ctx.exchange(withKey), ctx.exchange(restricted)]);
      const full = listOf(exFull).ids;
      const mine = listOf(exRestricted).ids;
      const known = new Set(full);
      const extra = mine.filter((id) => !known.has(id));
      if (extra.length) {
        fail({ message: `the restricted key sees ${extra.length} model(s) the full list does not have: ${extra.slice(0, 5).join(', ')}`, expected: `a subset of ${listPreview(full)}`, received: listPreview(mine), exchanges: [exFull, exRestricted] });
      }
      return pass(`the restricted key sees ${mine.length} of the ${full.length} models`, [exFull, exRestricted]);
    },
  },
  {
    id: 'CLB-FILTER-02',
    title: `A key with allowed_models sees exactly the expected models (${RESTRICTED_MODELS_ENV})`,
    level: 'MUST',
    requires: ['restrictedKey'],
    reference: ref(SEED, 'API Key Restrictions', 'API Key with restrictions: allowed_models list will not appear in the response.',
      `${RESTRICTED_MODELS_ENV} names the ids the restricted key should see (its allowed_models that the registry serves); the list must be exactly that set, in any order. Without the variable the check is skipped.`),
    async run(ctx) {
      const expected = ctx.setting(RESTRICTED_MODELS_ENV)?.split(',').map((s) => s.trim()).filter(Boolean);
      if (!expected?.length) return skip(`set ${RESTRICTED_MODELS_ENV} (comma-separated ids the restricted key should see) to check the filtered list exactly`);
      const ex = await ctx.exchange(restricted);
      const { ids } = listOf(ex);
      expectSameSet(expected, ids, 'the restricted key does not see exactly the expected models', [ex]);
      return pass(`the restricted key sees exactly the ${expected.length} expected models${describeDifference(expected, ids, true) ? ' (in another order)' : ''}`, [ex]);
    },
  },
]);
