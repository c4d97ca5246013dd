/**
 * The build-time standalone validators (src/contract/standalone.ts) must say exactly what Ajv
 * says: same verdict, same issues. Tests run from src/, so schemas.ts itself uses Ajv here.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaIds, schemaSources, validator, SCHEMA_ID_BASE } from '../src/contract/schemas.js';
import { stampsMatch } from '../src/contract/prebuilt.js';
import { standaloneSources } from '../src/contract/standalone.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';

const require = createRequire(import.meta.url);

type Validate = ((v: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; schemaPath: string; message?: string }[] | null };

/** Evaluates one generated CommonJS module with the project's require (no files written). */
function load(source: string): Record<string, Validate> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'exports', 'module', source)(require, module.exports, module);
  return module.exports.validators as Record<string, Validate>;
}

function issuesOf(fn: Validate, value: unknown): string[] {
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.schemaPath} ${e.message}`);
}

describe('standalone validators', () => {
  const { modules, manifest } = standaloneSources();
  const validators = new Map<string, Validate>();
  for (const source of modules.values()) for (const [ref, fn] of Object.entries(load(source))) validators.set(ref, fn);

  let server: RunningReferenceServer;
  const bodies: unknown[] = [];
  beforeAll(async () => {
    server = await startReferenceServer({ extraModels: 3 });
    const headers = { authorization: `Bearer ${server.apiKey}` };
    for (const p of ['/api/v1/models', '/api/v1/models?detailed=true', '/api/v1/image-models', '/api/v1/image-models?detailed=false', '/api/explore/text-models', '/api/personalized/v1/models']) {
      bodies.push(await (await fetch(server.url + p, { headers })).json());
    }
    bodies.push(await (await fetch(`${server.url}/api/personalized/v1/models`)).json());
  });
  afterAll(() => server?.close());

  it('cover every schema file, its properties and $defs', () => {
    expect([...modules.keys()].sort()).toEqual(schemaIds());
    expect(validators.has('nanogpt/model-detailed.schema.json#/properties/pricing')).toBe(true);
    expect(validators.has('nanogpt/image-models-list.schema.json#/properties/data/items')).toBe(true);
  });

  it('give the same issues as Ajv on real bodies, their parts and odd values', () => {
    const odd = [null, 0, -1, 1.5, '', 'x', true, [], {}, [{}], { object: 'list', data: [{ id: 1 }] }, { error: { message: 'm', type: 't', code: null } }];
    const parts = bodies.flatMap((b) => {
      const o = b as Record<string, unknown>;
      const items = Array.isArray(o.data) ? (o.data as Record<string, unknown>[]).slice(0, 3) : [];
      return [b, o.object, o.meta, ...items, ...items.flatMap((i) => Object.values(i))];
    });
    let compared = 0;
    for (const [ref, fn] of validators) {
      for (const value of [...odd, ...parts]) {
        const fromAjv = issuesOf(validator(ref) as Validate, value);
        expect(issuesOf(fn, value), `${ref} on ${JSON.stringify(value)?.slice(0, 80)}`).toEqual(fromAjv);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('are tied to the schema files by a manifest of stamps and a hash', () => {
    const { hash, stamps } = schemaSources();
    expect(manifest.schemasHash).toBe(hash);
    expect(stampsMatch(manifest, stamps)).toBe(true);
    const [first] = stamps.keys();
    const touched = new Map(stamps);
    touched.set(first!, [stamps.get(first!)![0], 0]);
    expect(stampsMatch(manifest, touched)).toBe(false);
    expect(Object.keys(manifest.files).every((rel) => schemaIds().includes(rel) && !rel.startsWith(SCHEMA_ID_BASE))).toBe(true);
  });
});
