/** Negative cases: each schema rejects what the documentation rules out (and only that). */
import { describe, expect, it } from 'vitest';
import { clone, expectIssue, expectValid, fixture, obj, type Json, type JsonObject } from './contract-helpers.js';
import { validate } from '../src/contract/schemas.js';

describe('negative cases: the schemas can fail', () => {
  const basicList = (): JsonObject => obj(clone(fixture('nanogpt-docs__models__basic-response__example.json')));
  const detailedList = (): JsonObject => obj(clone(fixture('nanogpt-docs__models__detailed-response__example.json')));
  const firstItem = (list: JsonObject): JsonObject => obj((list['data'] as Json[])[0]);
  const imageList = (): JsonObject => obj(clone(fixture('nanogpt-docs__image-models__response__example.json')));

  it('created as a string', () => {
    const list = basicList();
    firstItem(list)['created'] = '1704067200';
    expectIssue('nanogpt/models-list.schema.json', list, { pointer: '/data/0/created', keyword: 'type' });
    expectIssue('nanogpt/models-list-detailed.schema.json', list, { pointer: '/data/0/created', keyword: 'type' });
  });

  it('created as a float is allowed by the schema (integer-ness is a separate SHOULD)', () => {
    const list = basicList();
    firstItem(list)['created'] = 1704067200.5;
    expectValid('nanogpt/models-list.schema.json', list);
  });

  it("object 'models' on an item, and a list object other than 'list'", () => {
    const list = basicList();
    firstItem(list)['object'] = 'models';
    const issues = expectIssue('nanogpt/models-list.schema.json', list, { pointer: '/data/0/object', keyword: 'const' });
    expect(issues.find((i) => i.keyword === 'const')?.message).toContain('"model"');
    const list2 = basicList();
    list2['object'] = 'models';
    expectIssue('nanogpt/models-list.schema.json', list2, { pointer: '/object', keyword: 'const' });
  });

  it('missing basic fields and empty id', () => {
    const list = basicList();
    delete firstItem(list)['owned_by'];
    expectIssue('nanogpt/models-list.schema.json', list, { pointer: '/data/0', keyword: 'required' });
    const list2 = basicList();
    firstItem(list2)['id'] = '';
    expectIssue('nanogpt/models-list.schema.json', list2, { pointer: '/data/0/id', keyword: 'minLength' });
    expectIssue('nanogpt/models-list.schema.json', { object: 'list' }, { pointer: '', keyword: 'required' });
    expectIssue('nanogpt/models-list.schema.json', { object: 'list', data: {} }, { pointer: '/data', keyword: 'type' });
  });

  it('pricing.prompt "2.50"', () => {
    const list = detailedList();
    obj(firstItem(list)['pricing'])['prompt'] = '2.50';
    expectIssue('nanogpt/models-list-detailed.schema.json', list, { pointer: '/data/0/pricing/prompt', keyword: 'type' });
    expectIssue('nanogpt/model-detailed.schema.json#/properties/pricing', firstItem(list)['pricing'], { pointer: '/prompt', keyword: 'type' });
  });

  it('pricing unit per_thousand, currency EUR, missing completion', () => {
    const pricing = (): JsonObject => obj(clone(firstItem(detailedList())['pricing']));
    const p1 = pricing();
    p1['unit'] = 'per_thousand';
    expectIssue('nanogpt/pricing.schema.json', p1, { pointer: '/unit', keyword: 'const' });
    const p2 = pricing();
    p2['currency'] = 'EUR';
    expectIssue('nanogpt/pricing.schema.json', p2, { pointer: '/currency', keyword: 'const' });
    const p3 = pricing();
    delete p3['completion'];
    expectIssue('nanogpt/pricing.schema.json', p3, { pointer: '', keyword: 'required' });
  });

  it('capability "true"', () => {
    const list = detailedList();
    obj(firstItem(list)['capabilities'])['vision'] = 'true';
    expectIssue('nanogpt/models-list-detailed.schema.json', list, { pointer: '/data/0/capabilities/vision', keyword: 'type' });
    // Undocumented flags are not constrained.
    const list2 = detailedList();
    obj(firstItem(list2)['capabilities'])['some_future_flag'] = 'maybe';
    expectValid('nanogpt/models-list-detailed.schema.json', list2);
  });

  it('context_length "128000" fails; null passes (also max_output_tokens)', () => {
    const list = detailedList();
    firstItem(list)['context_length'] = '128000';
    expectIssue('nanogpt/models-list-detailed.schema.json', list, { pointer: '/data/0/context_length', keyword: 'type' });
    const list2 = detailedList();
    firstItem(list2)['context_length'] = null;
    firstItem(list2)['max_output_tokens'] = null;
    expectValid('nanogpt/models-list-detailed.schema.json', list2);
    const list3 = detailedList();
    firstItem(list3)['max_output_tokens'] = '16384';
    expectIssue('nanogpt/models-list-detailed.schema.json', list3, { pointer: '/data/0/max_output_tokens', keyword: 'type' });
  });

  it('cost_estimate 3 fails; string and object pass', () => {
    const ref = 'nanogpt/model-detailed.schema.json#/properties/cost_estimate';
    expectIssue(ref, 3, { pointer: '', keyword: 'type' });
    expectIssue(ref, null, { pointer: '', keyword: 'type' });
    expectValid(ref, '$$');
    expectValid(ref, { cheap: true });
    const list = detailedList();
    firstItem(list)['cost_estimate'] = 3;
    expectIssue('nanogpt/models-list-detailed.schema.json', list, { pointer: '/data/0/cost_estimate', keyword: 'type' });
  });

  it('detailed string fields and distillationPolicy fields are typed', () => {
    for (const field of ['name', 'description', 'icon_url', 'category']) {
      const list = detailedList();
      firstItem(list)[field] = 42;
      expectIssue('nanogpt/models-list-detailed.schema.json', list, { pointer: `/data/0/${field}`, keyword: 'type' });
    }
    const policy = obj(clone(fixture('nanogpt-docs__models__distillationPolicy__snippet.json')))['distillationPolicy'];
    const p = obj(policy ?? null);
    p['sourceUrl'] = 7;
    expectIssue('nanogpt/distillation-policy.schema.json', p, { pointer: '/sourceUrl', keyword: 'type' });
    expectIssue('nanogpt/distillation-policy.schema.json', { label: 'x' }, { pointer: '', keyword: 'required' });
    // The seed lists status, label, basis, sourceUrl and note; sourceUrl only "when recorded" (vendor OpenAPI).
    const full: Record<string, string> = { status: 'allowed', label: 'l', basis: 'b', sourceUrl: 'https://example.com', note: 'n' };
    for (const field of ['status', 'label', 'basis', 'note']) {
      const { [field]: _dropped, ...partial } = full;
      expectIssue('nanogpt/distillation-policy.schema.json', partial, { pointer: '', keyword: 'required' });
    }
    const { sourceUrl: _url, ...unrecorded } = full;
    expectValid('nanogpt/distillation-policy.schema.json', unrecorded);
    // No enum: a new status value is accepted.
    expectValid('nanogpt/distillation-policy.schema.json', { ...full, status: 'conditional' });
  });

  it('image meta.generated_at not a date-time; meta.count negative / non-integer; meta missing', () => {
    const l1 = imageList();
    obj(l1['meta'])['generated_at'] = 'yesterday';
    expectIssue('nanogpt/image-models-list.schema.json', l1, { pointer: '/meta/generated_at', keyword: 'format' });
    expectIssue('nanogpt/image-models-list.schema.json#/properties/meta', { count: 1, generated_at: '2026-05-14' }, { keyword: 'format' });
    const l2 = imageList();
    obj(l2['meta'])['count'] = -1;
    expectIssue('nanogpt/image-models-list.schema.json', l2, { pointer: '/meta/count', keyword: 'minimum' });
    const l3 = imageList();
    obj(l3['meta'])['count'] = 1.5;
    expectIssue('nanogpt/image-models-list.schema.json', l3, { pointer: '/meta/count', keyword: 'type' });
    const l4 = imageList();
    delete l4['meta'];
    expectIssue('nanogpt/image-models-list.schema.json', l4, { pointer: '', keyword: 'required' });
    expectValid('nanogpt/image-models-list-basic.schema.json', l4);
    const l5 = imageList();
    obj(l5['meta'])['generated_at'] = 'not a date';
    expectIssue('nanogpt/image-models-list-basic.schema.json', l5, { pointer: '/meta/generated_at', keyword: 'format' });
  });

  it('image items: typed fields, basic items need only an id', () => {
    const l1 = imageList();
    obj(firstItem(l1)['capabilities'])['nsfw'] = 'false';
    expectIssue('nanogpt/image-models-list.schema.json', l1, { pointer: '/data/0/capabilities/nsfw', keyword: 'type' });
    const l2 = imageList();
    obj(firstItem(l2)['architecture'])['input_modalities'] = 'text';
    expectIssue('nanogpt/image-models-list.schema.json', l2, { pointer: '/data/0/architecture/input_modalities', keyword: 'type' });
    const l3 = imageList();
    delete firstItem(l3)['object'];
    expectIssue('nanogpt/image-models-list.schema.json', l3, { pointer: '/data/0', keyword: 'required' });
    expectValid('nanogpt/image-models-list-basic.schema.json', { object: 'list', data: [{ id: 'flux-dev' }] });
    expectIssue('nanogpt/image-models-list-basic.schema.json', { object: 'list', data: [{ name: 'x' }] }, { pointer: '/data/0', keyword: 'required' });
    expectIssue('nanogpt/image-models-list-basic.schema.json', { object: 'list', data: [{ id: 'x', object: 'models' }] }, { pointer: '/data/0/object', keyword: 'const' });
  });

  it("explore meta.distillation 'some'; meta missing", () => {
    expectIssue('nanogpt/explore-text-models.schema.json', { data: [], meta: { distillation: 'some' } }, { pointer: '/meta/distillation', keyword: 'enum' });
    expectIssue('nanogpt/explore-text-models.schema.json', { data: [] }, { pointer: '', keyword: 'required' });
    expectIssue('nanogpt/explore-text-models.schema.json', { data: [{ id: 'a', distillationPolicy: { status: 1 } }], meta: { distillation: 'all' } }, { pointer: '/data/0/distillationPolicy/status', keyword: 'type' });
    expectValid('nanogpt/explore-text-models.schema.json', {
      data: [{ id: 'qwen/qwen3-coder-plus', distillationPolicy: { status: 'allowed', label: 'l', basis: 'b', note: 'n' }, extra: 1 }],
      meta: { distillation: 'allowed', extra: true },
    });
  });

  it('429 body <html> and other non-envelopes', () => {
    expectIssue('nanogpt/error-rate-limited.schema.json', '<html><body>Too Many Requests</body></html>', { keyword: 'anyOf' });
    expectIssue('nanogpt/error-rate-limited.schema.json', { message: 'Rate limit exceeded' }, { keyword: 'anyOf' });
    expectIssue('nanogpt/error-rate-limited.schema.json', { error: 'Rate limit exceeded' }, { keyword: 'anyOf' });
    expectIssue('nanogpt/error-unauthorized.schema.json', '<html>401</html>', { keyword: 'anyOf' });
    expectIssue('nanogpt/error-unauthorized.schema.json', { error: 'Unauthorized' }, { keyword: 'anyOf' });
    expectIssue('common/openai-error.schema.json', { error: { type: 'x' } }, { pointer: '/error', keyword: 'required' });
    expectIssue('common/openai-error.schema.json', { error: { message: 'm', code: 1.5 } }, { pointer: '/error/code', keyword: 'type' });
    expectValid('nanogpt/error-unauthorized.schema.json', { error: 401, message: 'Unauthorized' });
    expectValid('nanogpt/error-unauthorized.schema.json', { error: 'Invalid API key', status: 401 });
    expectValid('nanogpt/error-unauthorized.schema.json', { error: { message: 'Invalid API key', type: 'authentication_error', param: null, code: null } });
  });

  it('issues carry pointer, keyword, message and schemaPath', () => {
    const [issue] = validate('nanogpt/model-basic.schema.json', { id: 'a', object: 'model', created: 'x', owned_by: 'o' });
    expect(issue).toEqual({
      pointer: '/created',
      keyword: 'type',
      message: 'must be number',
      schemaPath: expect.stringContaining('created/type') as unknown as string,
    });
  });
});
