/**
 * The build-time standalone validators (src/contract/standalone.ts) must say exactly what Ajv
 * says: same verdict, same issues. Tests run from src/, so schemas.ts itself uses Ajv here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, schemaIds, validator } from '../src/contract/schemas.js';
import { standaloneSources } from '../src/contract/standalone.js';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { serve } from './servers.js';

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
  const modules = standaloneSources();
  const validators = new Map<string, Validate>();
  for (const source of modules.values()) for (const [ref, fn] of Object.entries(load(source))) validators.set(ref, fn);

  let server: RunningReferenceServer;
  const bodies: unknown[] = [];
  beforeAll(async () => {
    server = await serve(startReferenceServer({ extraModels: 3 }));
    const headers = { authorization: `Bearer ${server.apiKey}` };
    for (const p of ['/api/v1/models', '/api/v1/models?detailed=true', '/api/v1/image-models', '/api/v1/image-models?detailed=false', '/api/explore/text-models', '/api/personalized/v1/models']) {
      bodies.push(await (await fetch(server.url + p, { headers })).json());
    }
    bodies.push(await (await fetch(`${server.url}/api/personalized/v1/models`)).json());
  });

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

  it('are what the build wrote for the schema files as they are now (dist/ always uses them)', () => {
    // No staleness check at run time: a build is made from the files it ships, and `npm test` builds first.
    const built = path.join(packageRoot(), 'dist', 'src', 'contract', 'validators');
    expect(existsSync(built), `${built} missing: npm run build writes it`).toBe(true);
    for (const [rel, source] of modules) expect(readFileSync(path.join(built, ...`${rel}.cjs`.split('/')), 'utf8'), rel).toBe(source);
  });
});
