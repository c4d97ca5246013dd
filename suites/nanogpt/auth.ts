/** Authentication on the canonical list: both key headers, invalid-key tolerance. */
import { checks, ref } from '../define.js';
import { compareLists, expectSchema, listOf, pass } from '../../src/core/expect.js';
import type { AuthSpec, CheckContext, Verdict } from '../../src/core/types.js';
import { BEARER_INVALID, BEARER_VALID, XKEY_INVALID, XKEY_VALID } from './requests.js';
import { eachSurface, onSurfaces } from '../surfaces.js';
import { anonymousVs, BEARER_VS_XKEY, keyed } from './surfaces.js';

const SEED = 'nanogpt-models-api.txt';
const TOLERANCE = 'Invalid or missing API keys still return a list of models.';

/** The key is accepted through `auth` on every public text list (canonical in both modes): 200 and a valid list. */
function listsWith(auth: AuthSpec, label: string): (ctx: CheckContext) => Promise<Verdict> {
  return eachSurface(keyed(auth), (ex) => {
    expectSchema(ex, listOf(ex).body, 'nanogpt/models-list.schema.json');
    return pass(`${label}: 200 and a list`, [ex]);
  });
}

export const authChecks = checks('auth', [
  {
    id: 'NG-AUTH-01',
    title: 'An invalid key in Authorization: Bearer still gets 200 and a list (basic and detailed)',
    level: 'MUST',
    reference: ref(SEED, 'Authentication', TOLERANCE),
    run: listsWith(BEARER_INVALID, 'invalid Bearer key'),
  },
  {
    id: 'NG-AUTH-02',
    title: 'An invalid key in x-api-key still gets 200 and a list (basic and detailed)',
    level: 'MUST',
    reference: ref(SEED, 'Authentication', TOLERANCE),
    run: listsWith(XKEY_INVALID, 'invalid x-api-key'),
  },
  {
    id: 'NG-AUTH-03',
    title: 'An invalid key sees the same models as no key',
    level: 'SHOULD',
    reference: ref(SEED, 'Errors and Limits', 'If an invalid API key is provided, the list still returns and simply omits user-specific pricing considerations in detailed=true mode.',
      'An invalid key is documented as only dropping user-specific pricing, so it should see the anonymous list; SHOULD because visibility is not spelled out.'),
    run: onSurfaces([...anonymousVs(BEARER_INVALID), ...anonymousVs(XKEY_INVALID)], ([exAnon, ex]) => {
      compareLists(exAnon!, ex!, 'any order', 'an invalid key sees other models than no key');
      return pass('an invalid key sees the anonymous list', [exAnon!, ex!]);
    }),
  },
  {
    id: 'NG-AUTH-04',
    title: 'A valid key is accepted in Authorization: Bearer',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Authentication', 'AuthorizationBearer {api_key}OptionalAPI key for user-specific pricing'),
    run: listsWith(BEARER_VALID, 'valid Bearer key'),
  },
  {
    id: 'NG-AUTH-05',
    title: 'A valid key is accepted in x-api-key',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Authentication', 'x-api-key{api_key}OptionalAlternative API key header'),
    run: listsWith(XKEY_VALID, 'valid x-api-key'),
  },
  {
    id: 'NG-AUTH-06',
    title: 'Bearer and x-api-key with the same key give the same models in the same order',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Authentication', 'x-api-key{api_key}OptionalAlternative API key header',
      'An "alternative" header is an equivalent one: the same key must see the same list through either.'),
    run: onSurfaces(BEARER_VS_XKEY, ([exBearer, exKey]) => {
      compareLists(exBearer!, exKey!, 'same order', 'the same key sees different lists through the two headers');
      return pass('the same key sees the same list through Bearer and x-api-key', [exBearer!, exKey!]);
    }),
  },
]);
