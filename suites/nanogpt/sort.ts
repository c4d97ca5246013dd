/** GET /api/v1/models?sort=favorites|mostused */
import { checks, ref } from '../define.js';
import { fail, listOf, pass } from '../../src/core/expect.js';
import { compareAnswers } from '../common.js';
import { BEARER_INVALID, BEARER_VALID, basic, detailed, get, MODELS, XKEY_INVALID, XKEY_VALID } from './requests.js';
import { DETAILED_TEXT_FIELDS, hasAnyField } from './fields.js';

const SEED = 'nanogpt-models-api.txt';
const SECTION = 'Sorting model lists';
const mostused = get(MODELS, { sort: 'mostused' });

export const sortChecks = checks('sort', [
  {
    id: 'NG-SORT-01',
    title: 'sort=mostused lists exactly the models of the normal list',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Sorting only affects models that would already be visible to the caller. It does not add or hide models.'),
    async run(ctx) {
      const [, sorted] = await compareAnswers(ctx, basic, mostused, 'any order', 'sort=mostused changed which models are listed');
      return pass('sort=mostused reorders without adding or hiding models', [sorted.ex]);
    },
  },
  {
    id: 'NG-SORT-02',
    title: 'sort=mostused needs no key',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'sort=mostused does not require authentication.'),
    async run(ctx) {
      const ex = await ctx.exchange(mostused);
      const { ids } = listOf(ex);
      return pass(`200 without a key, ${ids.length} models`, [ex]);
    },
  },
  {
    id: 'NG-SORT-03',
    title: 'sort=favorites without a key falls back to the normal order',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'If no valid API key is provided, it falls back to normal ordering.'),
    async run(ctx) {
      const [, fav] = await compareAnswers(ctx, basic, get(MODELS, { sort: 'favorites' }), 'same order', 'sort=favorites without a key is not the normal order');
      return pass('sort=favorites without a key is the normal list, in the normal order', [fav.ex]);
    },
  },
  {
    id: 'NG-SORT-04',
    title: 'sort=favorites with an invalid key falls back to the normal order (both key headers)',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'If no valid API key is provided, it falls back to normal ordering.'),
    async run(ctx) {
      for (const auth of [BEARER_INVALID, XKEY_INVALID]) {
        await compareAnswers(ctx, get(MODELS, {}, auth), get(MODELS, { sort: 'favorites' }, auth), 'same order', `sort=favorites with an invalid ${auth?.header} key is not the normal order`);
      }
      return pass('an invalid key through either header gives the normal order');
    },
  },
  {
    id: 'NG-SORT-05',
    title: 'sort=favorites with a valid key lists exactly the models that key normally sees',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, SECTION, 'When sort is present, NanoGPT returns the same model list the caller would normally receive, but reordered by the selected ranking.'),
    async run(ctx) {
      const [, fav] = await compareAnswers(ctx, get(MODELS, {}, BEARER_VALID), get(MODELS, { sort: 'favorites' }, BEARER_VALID), 'any order', 'sort=favorites changed which models the key sees');
      return pass('sort=favorites reorders the key\'s own list without adding or hiding models', [fav.ex]);
    },
  },
  {
    id: 'NG-SORT-06',
    title: 'An invalid sort value is ignored: 200, same models, same order',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Invalid sort values are ignored.'),
    async run(ctx) {
      const [, bogus] = await compareAnswers(ctx, basic, get(MODELS, { sort: 'conformance-not-a-sort' }), 'same order', 'an unknown sort value changed the list');
      return pass('sort=conformance-not-a-sort answers the normal list in the normal order', [bogus.ex]);
    },
  },
  {
    id: 'NG-SORT-07',
    title: 'sort combines with detailed=true',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Can be combined with detailed=true.'),
    async run(ctx) {
      const [, both] = await compareAnswers(ctx, detailed, get(MODELS, { detailed: 'true', sort: 'mostused' }), 'any order', 'detailed=true&sort=mostused lists other models than detailed=true');
      if (both.items.length > 0 && !both.items.some((item) => hasAnyField(item, DETAILED_TEXT_FIELDS))) {
        fail({ message: 'detailed=true&sort=mostused answered the basic form', expected: `detailed fields (${DETAILED_TEXT_FIELDS.slice(0, 4).join(', ')}, …)`, received: 'no model carries any', exchanges: [both.ex] });
      }
      return pass(`detailed=true&sort=mostused lists the ${both.ids.length} detailed models with their detail`, [both.ex]);
    },
  },
  {
    id: 'NG-SORT-08',
    title: 'The ranking itself (recent account usage, global usage, unranked models last in catalog order)',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Unused or unranked models remain in the response after ranked models, in the normal catalog order.'),
    untestable: 'the usage data behind both rankings is private to the server, so the order cannot be predicted from outside; NG-SORT-01/05 check what can be: no model added or hidden',
  },
  {
    id: 'NG-SORT-09',
    title: 'sort=favorites with the same valid key gives the same order through Bearer and x-api-key',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, SECTION, 'sort=favorites requires a valid API key to personalize the order.',
      'x-api-key is the "Alternative API key header": the ranking cannot be predicted (NG-SORT-08), but the same key must get the same ranking through either header.'),
    async run(ctx) {
      const [bearer, xkey] = await compareAnswers(ctx, get(MODELS, { sort: 'favorites' }, BEARER_VALID), get(MODELS, { sort: 'favorites' }, XKEY_VALID), 'same order',
        'sort=favorites orders the same key differently through the two headers');
      return pass('the same key gets the same favorites order through Bearer and x-api-key', [bearer.ex, xkey.ex]);
    },
  },
  {
    id: 'NG-SORT-10',
    title: 'An invalid sort value with detailed=true is ignored: the detailed list, same order, with detail',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Invalid sort values are ignored.',
      'Ignored means the answer is the one without the parameter, in detailed mode as well.'),
    async run(ctx) {
      const [base, bogus] = await compareAnswers(ctx, detailed, get(MODELS, { detailed: 'true', sort: 'conformance-not-a-sort' }), 'same order', 'an unknown sort value changed the detailed list');
      const detailOf = (items: readonly unknown[]) => items.some((item) => hasAnyField(item, DETAILED_TEXT_FIELDS));
      if (detailOf(base.items) && !detailOf(bogus.items)) {
        fail({ message: 'detailed=true&sort=conformance-not-a-sort answered the basic form', expected: 'the detailed fields that detailed=true alone gives', received: 'no model carries any', exchanges: [base.ex, bogus.ex] });
      }
      return pass('an unknown sort value leaves the detailed list as it is', [bogus.ex]);
    },
  },
]);
