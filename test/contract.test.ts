/**
 * Contract tests: the JSON Schemas under schemas/ and the vendor examples under test/fixtures/real/
 * agree with each other. The OpenAPI document: contract-openapi.test.ts; schemas that must reject:
 * contract-negative.test.ts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CASES } from './examples.js';
import { FIXTURES_DIR } from './paths.js';
import { expectValid, fixture, obj, readJson, walk, withUnknownFieldsEverywhere, type Json } from './contract-helpers.js';
import { packageRoot, schemaIds, schemaPathForId, schemasDir, validate, validator, SCHEMA_ID_BASE } from '../src/contract/schemas.js';

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

