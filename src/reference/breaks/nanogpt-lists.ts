// Broken NanoGPT list shapes (NG-LIST) and detailed items (NG-DET). Unless a description says
// otherwise, a break touches only the canonical GET /api/v1/models.
import type { Reply } from '../serve.js';
import { PATHS, TEXT_LISTS, type NanoAsked, type NanoBreak, type TextList } from '../nanogpt-http.js';
import { body, createdMs, priceString, type Item } from './edit.js';

/** The canonical list's 200 answer, as the route wrote it. */
const canonicalReply = (edit: (r: Reply) => Reply | void) => (r: Reply, a: NanoAsked): Reply | void =>
  a.method === 'GET' && a.path === PATHS.models && r.status === 200 ? edit(r) : undefined;
/** An item of the canonical list, in basic or detailed mode. */
const canonical = (detailed: boolean | 'both', edit: (item: Item, at: { index: number; count: number }) => void) =>
  (item: Item, at: { index: number; count: number; list: TextList }) => {
    if (at.list.asked.path === PATHS.models && (detailed === 'both' || at.list.detailed === detailed)) edit(item, at);
  };
const pricing = (item: Item) => item.pricing as Record<string, unknown>;

export const LIST_BREAKS = {
  // --- list (NG-LIST) ---
  'content-type-text': { description: 'canonical list served as text/plain (body unchanged)', rule: 'ngm.10', kills: ['NG-LIST-01'],
    reply: canonicalReply((r) => void (r.headers['content-type'] = 'text/plain; charset=utf-8')) },
  'invalid-json': { description: 'canonical list body is truncated JSON', rule: 'ngm.10', kills: ['NG-LIST-01'],
    reply: canonicalReply((r) => void (r.body = r.body.slice(0, Math.floor(r.body.length / 2)))) },
  'object-not-list': { description: "canonical list has top-level object 'models'", rule: 'ngm.11', kills: ['NG-LIST-02'],
    reply: canonicalReply(body((b) => void (b.object = 'models'))) },
  'object-not-model': { description: "canonical basic items have object 'Model'", rule: 'ngm.60', kills: ['NG-LIST-03'],
    item: canonical(false, (i) => void (i.object = 'Model')) },
  'missing-owned-by': { description: 'canonical basic items lack owned_by', rule: 'ngm.12', kills: ['NG-LIST-03'],
    item: canonical(false, (i) => void delete i.owned_by) },
  'created-string': { description: 'canonical items carry created as a numeric string', rule: 'ngm.61', kills: ['NG-LIST-03'],
    item: canonical('both', (i) => void (i.created = String(i.created))) },
  'created-ms': { description: 'created sent in milliseconds on every list endpoint (text and image)', rule: 'ngm.61', kills: ['NG-LIST-04'],
    reply: (r, a) => (a.method === 'GET' && r.status === 200 ? createdMs(r) : undefined) },
  'created-float': { description: 'canonical items carry a fractional created (seconds + 0.5)', rule: 'ngm.10', kills: ['NG-LIST-05'],
    item: canonical('both', (i) => void (i.created = (i.created as number) + 0.5)) },
  'duplicate-id': { description: 'canonical list repeats its first model at the end', rule: 'ngm.59', kills: ['NG-LIST-06'],
    models: (ms, l) => (l.asked.path === PATHS.models && ms[0] ? [...ms, ms[0]] : ms) },
  'basic-has-pricing': { description: 'canonical basic items carry pricing', rule: 'ngm.56', kills: ['NG-LIST-07'],
    item: (i, at) => void (at.list.asked.path === PATHS.models && !at.list.detailed && (i.pricing = { ...at.model.pricing })) },
  'detailed-false-is-detailed': { description: 'on text lists any detailed parameter (even detailed=false) turns detail on', rule: 'ngm.16', kills: ['NG-LIST-08'],
    read: (a) => void ([...TEXT_LISTS, PATHS.personalized].includes(a.path) && a.query.has('detailed') && a.query.set('detailed', 'true')) },
  'owned-by-null': { description: 'canonical basic items carry owned_by: null', rule: 'ngm.62', kills: ['NG-LIST-03'],
    item: canonical(false, (i) => void (i.owned_by = null)) },
  // --- detailed (NG-DET) ---
  'detailed-drops-owned-by': { description: 'canonical detailed items lack owned_by', rule: 'ngm.58', kills: ['NG-DET-01'],
    item: canonical(true, (i) => void delete i.owned_by) },
  'detailed-ignored': { description: 'detailed=true answers the basic form on every text list', rule: 'ngm.16', kills: ['NG-DET-02'],
    read: (a) => void ([...TEXT_LISTS, PATHS.personalized].includes(a.path) && a.query.delete('detailed')) },
  'pricing-strings': { description: 'canonical detailed pricing.prompt/completion are strings ("2.50")', rule: 'ngm.73', kills: ['NG-DET-03'],
    item: canonical(true, (i) => void (i.pricing = { ...pricing(i), prompt: priceString(pricing(i).prompt as number), completion: priceString(pricing(i).completion as number) })) },
  'pricing-unit-per-1k': { description: "canonical detailed pricing.unit is 'per_thousand_tokens'", rule: 'ngm.76', kills: ['NG-DET-03'],
    item: canonical(true, (i) => void (i.pricing = { ...pricing(i), unit: 'per_thousand_tokens' })) },
  'capabilities-string': { description: 'one canonical detailed item has a capability flag "true" (string)', rule: 'ngm.44', kills: ['NG-DET-04'],
    item: canonical(true, (i, { index }) => {
      if (index !== 0) return;
      const caps = i.capabilities as Record<string, unknown>;
      const flag = Object.keys(caps)[0] ?? 'vision';
      caps[flag] = String(caps[flag] ?? true);
    }) },
  'context-length-string': { description: 'canonical detailed context_length values are strings ("128000")', rule: 'ngm.65', kills: ['NG-DET-05'],
    item: canonical(true, (i) => void (i.context_length !== null && (i.context_length = String(i.context_length)))) },
  'name-number': { description: 'one canonical detailed item has a numeric name', rule: 'ngm.63', kills: ['NG-DET-06'],
    item: canonical(true, (i, { index }) => void (index === 0 && (i.name = 5.2))) },
  'cost-estimate-number': { description: 'one canonical detailed item has cost_estimate 3', rule: 'ngm.70', kills: ['NG-DET-07'],
    item: canonical(true, (i, { index }) => void (index === 0 && (i.cost_estimate = 3))) },
  'distillation-status-bool': { description: 'canonical detailed distillationPolicy.status is a boolean', rule: 'ngm.77', kills: ['NG-DET-08'],
    item: canonical(true, (i) => {
      const policy = i.distillationPolicy as Item | undefined;
      if (policy) i.distillationPolicy = { ...policy, status: policy.status === 'allowed' };
    }) },
  'pricing-missing-some': { description: 'the last canonical detailed item has no pricing', rule: 'ngm.14', kills: ['NG-DET-09'],
    item: canonical(true, (i, { index, count }) => void (index === count - 1 && delete i.pricing)) },
  'detailed-order-differs': { description: 'unsorted canonical detailed list comes in reverse order', rule: 'ngm.113', kills: ['NG-DET-10'],
    reply: (r, a) => {
      const normalOrder = a.query.get('sort') === null || (a.query.get('sort') !== 'mostused' && !(a.query.get('sort') === 'favorites' && a.caller.state === 'valid'));
      return a.query.get('detailed') === 'true' && normalOrder ? canonicalReply(body((b) => void (b.data as Item[]).reverse()))(r, a) : undefined;
    } },
  'created-ms-detailed': { description: 'canonical detailed items carry created in milliseconds (basic mode is right)', rule: 'ngm.61', kills: ['NG-DET-11'],
    item: (i, at) => void (at.list.asked.path === PATHS.models && at.list.detailed && (i.created = at.model.created * 1000)) },
  'pricing-currency-lowercase': { description: "canonical detailed pricing.currency is 'usd'", rule: 'ngm.75', kills: ['NG-DET-03'],
    item: canonical(true, (i) => void (i.pricing = { ...pricing(i), currency: 'usd' })) },
  'capabilities-int': { description: 'canonical detailed capability flags are 1/0 instead of true/false', rule: 'ngm.67', kills: ['NG-DET-04'],
    item: canonical(true, (i) => void (i.capabilities = Object.fromEntries(Object.entries(i.capabilities as Item).map(([k, v]) => [k, v ? 1 : 0])))) },
  'context-length-null-string': { description: 'canonical detailed context_length is the string "null" where unknown', rule: 'ngm.65', kills: ['NG-DET-05'],
    item: canonical(true, (i) => void (i.context_length === null && (i.context_length = 'null'))) },
  'duplicate-id-detailed': { description: 'the canonical detailed list repeats its second model (a provider join), basic mode is right', rule: 'ngm.113', kills: ['NG-DET-10'],
    reply: (r, a) => (a.query.get('detailed') === 'true' ? canonicalReply(body((b) => {
      const data = b.data as Item[];
      if (data[1]) data.splice(2, 0, { ...data[1] });
    }))(r, a) : undefined) },
} as const satisfies Record<string, NanoBreak>;
