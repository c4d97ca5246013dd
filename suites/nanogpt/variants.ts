/** The subscription-only and paid-only variants of the model list, and their relation to it. */
import { checks, ref } from '../define.js';
import { compareLists, expectSameSet, expectSchema, fail, listOf, pass } from '../../src/core/expect.js';
import type { CheckContext, Verdict } from '../../src/core/types.js';
import { BEARER_VALID, basic, get, PAID, SUBSCRIPTION, XKEY_VALID } from './requests.js';
import { DETAILED_TEXT_FIELDS, hasAnyField } from './fields.js';
import { onSurfaces } from '../surfaces.js';
import { BASIC_VS_DETAILED } from './surfaces.js';

/** The variants' basic-vs-detailed surfaces, with and without the key of their documented examples. */
const VARIANT_MODES = BASIC_VS_DETAILED.filter((s) => s.requests.some((r) => r.path === SUBSCRIPTION || r.path === PAID));

const SEED = 'nanogpt-models-api.txt';
const SECTION = 'Endpoint Variants';

function publicList(path: string) {
  return async (ctx: CheckContext): Promise<Verdict> => {
    const ex = await ctx.exchange(get(path));
    const { body, ids } = listOf(ex);
    expectSchema(ex, body, 'nanogpt/models-list.schema.json');
    return pass(`200 without a key, ${ids.length} models`, [ex]);
  };
}

export const variantChecks = checks('variants', [
  {
    id: 'NG-VAR-01',
    title: 'The subscription-only list answers 200 with a list, without a key',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'curl https://nano-gpt.com/api/subscription/v1/models'),
    run: publicList(SUBSCRIPTION),
  },
  {
    id: 'NG-VAR-02',
    title: 'The paid-only list answers 200 with a list, without a key',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'curl https://nano-gpt.com/api/paid/v1/models'),
    run: publicList(PAID),
  },
  {
    id: 'NG-VAR-03',
    title: 'Both variants support detailed=true: same models, with detail',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Supports ?detailed=true and API key–aware, at-cost pricing metadata.'),
    run: onSurfaces(VARIANT_MODES, ([exBasic, exDetailed]) => {
      const [, b] = compareLists(exBasic!, exDetailed!, 'any order', 'detailed=true lists other models than the basic list');
      if (b.items.length > 0 && !b.items.some((item) => hasAnyField(item, DETAILED_TEXT_FIELDS))) {
        fail({ message: 'detailed=true answered the basic form', expected: 'detailed fields such as name and pricing', received: `${b.items.length} models without any`, exchanges: [exDetailed!] });
      }
      expectSchema(exDetailed!, b.body, 'nanogpt/models-list-detailed.schema.json');
      return pass('detailed=true answers the same models with detail', [exBasic!, exDetailed!]);
    }),
  },
  {
    id: 'NG-VAR-04',
    title: 'The subscription and paid lists never list the same model',
    level: 'MUST',
    reference: ref(SEED, SECTION, 'Returns only models that are NOT part of the subscription (paid/premium/extras).'),
    async run(ctx) {
      const [exSub, exPaid] = await Promise.all([ctx.exchange(get(SUBSCRIPTION)), ctx.exchange(get(PAID))]);
      const sub = new Set(listOf(exSub).ids);
      const both = listOf(exPaid).ids.filter((id) => sub.has(id));
      if (both.length) {
        fail({ message: `${both.length} models are in both lists: ${both.slice(0, 5).join(', ')}`, expected: 'disjoint lists', received: `shared: ${both.slice(0, 5).join(', ')}`, exchanges: [exSub, exPaid] });
      }
      return pass(`${sub.size} subscription and ${listOf(exPaid).ids.length} paid models, none shared`, [exSub, exPaid]);
    },
  },
  {
    id: 'NG-VAR-05',
    title: 'Without a key, the subscription and paid lists together are the canonical list',
    level: 'SHOULD',
    reference: ref(SEED, SECTION, 'Returns all visible text models (excludes internal free/helper selector models except auto-model*).',
      'The canonical list is all visible text models, and each one either is in the subscription or is not; the pages do not say so in one sentence, hence SHOULD.'),
    async run(ctx) {
      const [exAll, exSub, exPaid] = await Promise.all([ctx.exchange(basic), ctx.exchange(get(SUBSCRIPTION)), ctx.exchange(get(PAID))]);
      const union = [...listOf(exSub).ids, ...listOf(exPaid).ids];
      expectSameSet(listOf(exAll).ids, union, 'subscription + paid is not the anonymous canonical list', [exAll, exSub, exPaid]);
      return pass(`the ${union.length} subscription and paid models are exactly the canonical list`, [exAll, exSub, exPaid]);
    },
  },
  {
    id: 'NG-VAR-06',
    title: 'The subscription list is the same with a key (it ignores "Also show paid models")',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, SECTION, 'Ignores the user’s “Also show paid models” preference; it is always subscription-only.'),
    async run(ctx) {
      const exAnon = await ctx.exchange(get(SUBSCRIPTION));
      for (const auth of [BEARER_VALID, XKEY_VALID]) {
        const ex = await ctx.exchange(get(SUBSCRIPTION, {}, auth));
        compareLists(exAnon, ex, 'any order', `the subscription list differs with a valid ${auth?.header} key`);
      }
      return pass('the subscription list is the same with and without the key', [exAnon]);
    },
  },
]);
