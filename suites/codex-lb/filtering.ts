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
      `CONFORMANCE_API_KEY must be a key without allowed_models: its list is the full list the restricted one is compared with. A restricted key that sees every model the full key sees proves no filtering (real codex-lb with API-key auth off never reads the key): that fails, unless ${RESTRICTED_MODELS_ENV} names exactly that set as expected. An empty full list has nothing to filter: skipped.`),
    async run(ctx) {
      const [exFull, exRestricted] = await Promise.all([ctx.exchange(withKey), ctx.exchange(restricted)]);
      const full = listOf(exFull).ids;
      const mine = listOf(exRestricted).ids;
      const known = new Set(full);
      const extra = mine.filter((id) => !known.has(id));
      if (extra.length) {
        fail({ message: `the restricted key sees ${extra.length} model(s) the full list does not have: ${extra.slice(0, 5).join(', ')}`, expected: `a subset of ${listPreview(full)}`, received: listPreview(mine), exchanges: [exFull, exRestricted] });
      }
      if (full.length === 0) return skip('the full list is empty: there is nothing to filter, so filtering cannot be shown');
      const seen = new Set(mine);
      if (full.every((id) => seen.has(id))) {
        const expected = ctx.setting(RESTRICTED_MODELS_ENV)?.split(',').map((s) => s.trim()).filter(Boolean);
        const expectsAll = expected !== undefined && expected.length === known.size && expected.every((id) => known.has(id));
        if (!expectsAll) {
          fail({
            message: `the restricted key sees all ${full.length} models the full key sees: allowed_models was not applied (or the key has none). ` +
              (expected ? `${RESTRICTED_MODELS_ENV} expects ${expected.length}.` : `Set ${RESTRICTED_MODELS_ENV} to the ids the restricted key should see to make this check decisive (list them all if it really is allowed everything).`),
            expected: expected ? `the ${expected.length} ids of ${RESTRICTED_MODELS_ENV}: ${listPreview(expected)}` : 'fewer models than the full list',
            received: listPreview(mine),
            exchanges: [exFull, exRestricted],
          });
        }
        return pass(`the restricted key sees all ${full.length} models, as ${RESTRICTED_MODELS_ENV} expects`, [exFull, exRestricted]);
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
