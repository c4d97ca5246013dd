/** The OpenAPI document under openapi/ agrees with the JSON Schemas under schemas/ and with the seeds. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { clone, obj, OPENAPI_FILE, parserOptions, readJson, resolvePointer, walk, type Json, type JsonObject } from './contract-helpers.js';
import { schemaIds, schemasDir, stripEmbeddedSchemaIds, SCHEMA_ID_BASE } from '../src/contract/schemas.js';

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

