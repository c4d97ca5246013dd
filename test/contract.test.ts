/**
 * Contract tests: the JSON Schemas under schemas/, the OpenAPI document under openapi/,
 * and the vendor examples under test/fixtures/real/ agree with each other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CASES } from './examples.js';
import { FIXTURES_DIR, locate } from './paths.js';
import {
  packageRoot,
  schemaIds,
  schemaPathForId,
  schemasDir,
  stripEmbeddedSchemaIds,
  validate,
  validator,
  SCHEMA_ID_BASE,
  type SchemaIssue,
} from '../src/contract/schemas.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const OPENAPI_FILE = path.join(packageRoot(), 'openapi', 'nanogpt.openapi.json');

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** Reads a vendor fixture (or the OpenAI spec excerpt among the source documents). */
function fixture(name: string): Json {
  return readJson(locate(name));
}

function obj(v: Json | undefined): JsonObject {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  return v;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Every object in `v` (including the root) gets an extra unknown field. */
function withUnknownFieldsEverywhere(v: Json): Json {
  if (Array.isArray(v)) return v.map(withUnknownFieldsEverywhere);
  if (v === null || typeof v !== 'object') return v;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) out[k] = withUnknownFieldsEverywhere(val);
  out['x_conformance_unknown'] = { nested: [1, 'two', null], flag: true };
  return out;
}

function expectValid(ref: string, value: unknown): void {
  const issues = validate(ref, value);
  expect(issues, `${ref}: ${JSON.stringify(issues, null, 2)}`).toEqual([]);
}

function expectIssue(ref: string, value: unknown, match: Partial<SchemaIssue>): SchemaIssue[] {
  const issues = validate(ref, value);
  expect(issues.length, `${ref} should reject ${JSON.stringify(value)}`).toBeGreaterThan(0);
  expect(issues).toEqual(expect.arrayContaining([expect.objectContaining(match)]));
  return issues;
}

function walk(node: unknown, visit: (o: Record<string, unknown>, at: string) => void, at = ''): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, visit, `${at}/${i}`));
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>, at);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return doc;
  let cur: unknown = doc;
  for (const raw of pointer.replace(/^#/, '').replace(/^\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** swagger-parser options: no network; $id URLs (if the resolver ever uses them) map to the local files. */
const parserOptions = {
  resolve: {
    conformanceIds: {
      order: 1,
      canRead: (file: { url: string }) => schemaPathForId(file.url) !== undefined,
      read: (file: { url: string }) => readFile(schemaPathForId(file.url) as string),
    },
    http: false as const,
  },
} as unknown as SwaggerParser.Options;

// ---------------------------------------------------------------------------------------------

describe('schemas/ files', () => {
  const files = schemaIds();

  it('are found at the package root', () => {
    expect(schemasDir()).toBe(path.join(packageRoot(), 'schemas'));
    expect(existsSync(path.join(packageRoot(), 'package.json'))).toBe(true);
    expect(files).toEqual(
      expect.arrayContaining([
        'common/openai-error.schema.json',
        'nanogpt/distillation-policy.schema.json',
        'nanogpt/error-rate-limited.schema.json',
        'nanogpt/error-unauthorized.schema.json',
        'nanogpt/explore-text-models.schema.json',
        'nanogpt/image-model-basic.schema.json',
        'nanogpt/image-model-detailed.schema.json',
        'nanogpt/image-models-list-basic.schema.json',
        'nanogpt/image-models-list.schema.json',
        'nanogpt/model-basic.schema.json',
        'nanogpt/model-detailed.schema.json',
        'nanogpt/models-list-detailed.schema.json',
        'nanogpt/models-list.schema.json',
        'nanogpt/pricing.schema.json',
      ]),
    );
  });

  it.each(files)('%s compiles and is well-formed', (rel) => {
    expect(() => validator(rel)).not.toThrow();
    const schema = obj(readJson(path.join(schemasDir(), rel)));
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe(SCHEMA_ID_BASE + rel);
    expect(typeof schema['title']).toBe('string');
    expect(typeof schema['description']).toBe('string');
    walk(schema, (o, at) => {
      // Unknown extra fields are always allowed.
      expect(o['additionalProperties'], `${rel}${at}`).not.toBe(false);
      expect(o['unevaluatedProperties'], `${rel}${at}`).not.toBe(false);
      const ref = o['$ref'];
      if (typeof ref === 'string') {
        expect(ref.startsWith('#') || /^[a-z]+:/i.test(ref), `${rel}${at}: $ref must be relative`).toBe(false);
        const target = path.resolve(path.dirname(path.join(schemasDir(), rel)), ref.split('#')[0] ?? '');
        expect(existsSync(target), `${rel}${at}: ${ref}`).toBe(true);
        expect(target.startsWith(schemasDir() + path.sep)).toBe(true);
      }
    });
  });

  it('schemaIds() lists exactly the .json files on disk', () => {
    const onDisk: string[] = [];
    const scan = (dir: string, rel: string): void => {
      for (const name of readdirSync(dir)) {
        const abs = path.join(dir, name);
        const r = rel ? `${rel}/${name}` : name;
        if (statSync(abs).isDirectory()) scan(abs, r);
        else if (name.endsWith('.json')) onDisk.push(r);
      }
    };
    scan(schemasDir(), '');
    expect([...files].sort()).toEqual(onDisk.sort());
  });

  it('fragment pointers used by the checks resolve', () => {
    for (const ref of [
      'nanogpt/model-detailed.schema.json#/properties/pricing',
      'nanogpt/model-detailed.schema.json#/properties/capabilities',
      'nanogpt/model-detailed.schema.json#/properties/context_length',
      'nanogpt/model-detailed.schema.json#/properties/max_output_tokens',
      'nanogpt/model-detailed.schema.json#/properties/cost_estimate',
      'nanogpt/model-detailed.schema.json#/properties/distillationPolicy',
      'nanogpt/model-detailed.schema.json#/properties/architecture',
      'nanogpt/model-basic.schema.json#/properties/created',
      'nanogpt/image-models-list.schema.json#/properties/meta',
      'nanogpt/explore-text-models.schema.json#/properties/meta',
    ]) {
      expect(() => validator(ref), ref).not.toThrow();
    }
    expectValid('nanogpt/model-detailed.schema.json#/properties/pricing', {
      prompt: 1, completion: 2, currency: 'USD', unit: 'per_million_tokens',
    });
  });

  it('unknown references throw; validators are cached', () => {
    expect(() => validate('nanogpt/nope.schema.json', {})).toThrow(/unknown schema/);
    expect(() => validate('nanogpt/model-detailed.schema.json#/properties/nope', {})).toThrow();
    expect(() => validate('https://conformance.dev/schemas/nanogpt/models-list.schema.json', {})).toThrow();
    expect(validator('nanogpt/models-list.schema.json')).toBe(validator('nanogpt/models-list.schema.json'));
  });

  it('validate() is fast on repeated calls', () => {
    const body = fixture('nanogpt-docs__models__detailed-response__example.json');
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) validate('nanogpt/models-list-detailed.schema.json', body);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('schemaPathForId maps $id URLs to the files', () => {
    expect(schemaPathForId(SCHEMA_ID_BASE + 'nanogpt/models-list.schema.json#/properties/data')).toBe(
      path.join(schemasDir(), 'nanogpt', 'models-list.schema.json'),
    );
    expect(schemaPathForId('https://example.com/x.json')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

describe('openapi/nanogpt.openapi.json', () => {
  const raw = readJson(OPENAPI_FILE);

  it('passes swagger-parser validate() with the external $refs resolved (no network)', async () => {
    const api = await SwaggerParser.validate(OPENAPI_FILE, parserOptions);
    expect(Object.keys(api.paths ?? {}).sort()).toEqual([
      '/api/explore/text-models',
      '/api/paid/v1/models',
      '/api/personalized/v1/models',
      '/api/subscription/v1/models',
      '/api/v1/image-models',
      '/api/v1/models',
    ]);
    // Dereferenced: the external schema really got loaded.
    const schema = resolvePointer(api, '/paths/~1api~1v1~1models/get/responses/200/content/application~1json/schema');
    expect(obj(schema as Json)['$id']).toBe(SCHEMA_ID_BASE + 'nanogpt/models-list-detailed.schema.json');
  });

  it('bundle() gives a self-contained document', async () => {
    const bundled = await SwaggerParser.bundle(OPENAPI_FILE, parserOptions);
    const refs: string[] = [];
    walk(bundled, (o) => {
      if (typeof o['$ref'] === 'string') refs.push(o['$ref']);
    });
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#'), `external $ref left in bundle: ${ref}`).toBe(true);
      expect(resolvePointer(bundled, ref), `dangling $ref ${ref}`).toBeDefined();
    }
    // Embedded $ids would re-scope those root pointers (JSON Schema 2020-12), so strip them and re-validate.
    const selfContained = stripEmbeddedSchemaIds(bundled);
    const again = await SwaggerParser.validate(clone(selfContained), { resolve: { external: false } } as SwaggerParser.Options);
    expect((again as { openapi?: string }).openapi).toBe('3.1.0');
  });

  it('every $ref points into schemas/ (or to an internal component)', () => {
    const external: string[] = [];
    walk(raw, (o, at) => {
      const ref = o['$ref'];
      if (typeof ref !== 'string') return;
      if (ref.startsWith('#')) {
        expect(resolvePointer(raw, ref), `${at}: ${ref}`).toBeDefined();
        return;
      }
      external.push(ref);
      expect(ref.startsWith('../schemas/'), `${at}: ${ref}`).toBe(true);
      const file = path.resolve(path.dirname(OPENAPI_FILE), ref.split('#')[0] ?? '');
      expect(existsSync(file), `${at}: ${ref}`).toBe(true);
      expect(schemaIds()).toContain(path.relative(schemasDir(), file).split(path.sep).join('/'));
    });
    expect(external.length).toBeGreaterThan(0);
  });

  it('response schemas are $refs to schema files (no inline copies), incl. 401 and 429', () => {
    const doc = obj(raw);
    const components = obj(doc['components']);
    const responses = obj(components['responses']);
    const schemaOf = (resp: JsonObject): JsonObject =>
      obj(obj(obj(resp['content'])['application/json'])['schema']);
    const isFileRef = (s: JsonObject): boolean =>
      typeof s['$ref'] === 'string' && s['$ref'].startsWith('../schemas/');
    for (const [pathName, item] of Object.entries(obj(doc['paths']))) {
      const op = obj(obj(item)['get']);
      for (const [status, r] of Object.entries(obj(op['responses']))) {
        let resp = obj(r);
        if (typeof resp['$ref'] === 'string') resp = obj(responses[resp['$ref'].replace('#/components/responses/', '')]);
        const schema = schemaOf(resp);
        const refs = Array.isArray(schema['anyOf']) ? schema['anyOf'].map(obj) : [schema];
        for (const s of refs) expect(isFileRef(s), `${pathName} ${status}`).toBe(true);
      }
      expect(obj(op['responses'])['429'], `${pathName} documents 429`).toBeDefined();
    }
    expect(schemaOf(obj(responses['Unauthorized']))['$ref']).toBe('../schemas/nanogpt/error-unauthorized.schema.json');
    expect(schemaOf(obj(responses['RateLimited']))['$ref']).toBe('../schemas/nanogpt/error-rate-limited.schema.json');
  });

  it('security: optional on public routes, required on personalized', () => {
    const paths = obj(obj(raw)['paths']);
    const sec = (p: string): Json => obj(obj(paths[p])['get'])['security'] ?? null;
    const optional = [{}, { bearerAuth: [] }, { apiKeyAuth: [] }];
    for (const p of ['/api/v1/models', '/api/subscription/v1/models', '/api/paid/v1/models', '/api/v1/image-models', '/api/explore/text-models']) {
      expect(sec(p), p).toEqual(optional);
    }
    expect(sec('/api/personalized/v1/models')).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
    expect(obj(obj(obj(paths['/api/personalized/v1/models'])['get'])['responses'])['401']).toBeDefined();
  });

  it('sort is a plain string (invalid values must be accepted); detailed defaults match the seeds', () => {
    const params = obj(obj(obj(raw)['components'])['parameters']);
    const sortSchema = obj(obj(params['Sort'])['schema']);
    expect(sortSchema['type']).toBe('string');
    expect(sortSchema['enum']).toBeUndefined();
    expect(sortSchema['examples']).toEqual(['favorites', 'mostused']);
    expect(obj(obj(params['Detailed'])['schema'])['default']).toBe(false);
    const image = obj(obj(obj(obj(raw)['paths'])['/api/v1/image-models'])['get']);
    const imageDetailed = (image['parameters'] as Json[]).map(obj).find((p) => p['name'] === 'detailed');
    expect(obj(imageDetailed?.['schema'])['default']).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('vendor examples (test/fixtures/real) validate', () => {
  it('the fixtures directory exists in the repository', () => {
    expect(existsSync(FIXTURES_DIR), `missing ${FIXTURES_DIR}`).toBe(true);
  });

  // The table lives in test/examples.ts, shared with the schema-export test.
  const cases = FIXTURE_CASES;

  it.each(cases)('%s against %s', (file, ref, select) => {
    const value = select(fixture(file));
    expect(value).not.toBeNull();
    expectValid(ref, value);
  });

  it.each(cases)('%s against %s still validates with unknown fields at every level', (file, ref, select) => {
    expectValid(ref, withUnknownFieldsEverywhere(select(fixture(file))));
  });

  it('the 2026-05-07 image example has no created/owned_by and still validates item by item', () => {
    const body = obj(fixture('nanogpt-docs-2026-05-07__image-models__response__example.json'));
    for (const item of body['data'] as Json[]) {
      expect(obj(item)['created']).toBeUndefined();
      expectValid('nanogpt/image-model-detailed.schema.json', item);
      expectValid('nanogpt/image-model-basic.schema.json', item);
    }
  });
});

// ---------------------------------------------------------------------------------------------

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
