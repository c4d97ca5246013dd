/**
 * `conformance schema export`: what it writes is the contract the checks enforce (the same files,
 * not a copy that can drift), generators accept it, and every real and seed example validates
 * against what was exported.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import { compileFromFile } from 'json-schema-to-typescript';
import ts from 'typescript';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, schemaIds, schemasDir } from '../src/contract/schemas.js';
import { binPath, cli } from './helpers.js';
import { generateTypes, TYPES_FILE } from '../scripts/gen-types.js';
import { FIXTURE_CASES, REJECTED_FIXTURES, SEED_EXAMPLES, SEEDS_DIR, fixture, seedJsonBlocks, type Json } from './examples.js';
import { bundleValidators, exportedValidators, filesUnder, matchBundle, OPENAPI_DIR, readExportedDoc, walk, type JsonObject } from './schema-export-helpers.js';

const execFileP = promisify(execFile);
const BIN = binPath();
const PROFILES = readdirSync(OPENAPI_DIR).filter((f) => f.endsWith('.openapi.json')).map((f) => f.replace(/\.openapi\.json$/, '')).sort();

const tmp = mkdtempSync(path.join(os.tmpdir(), 'conformance-export-'));
const OUT = path.join(tmp, 'json');


const exportedDoc = (profile: string): JsonObject => readExportedDoc(OUT, profile);

let fromFiles: (ref: string) => ValidateFunction;
let fromBundles: (ref: string) => ValidateFunction;
const bundleNames = new Map<string, Map<string, string>>();

function expectValidEverywhere(ref: string, value: unknown, what: string): void {
  for (const [where, get] of [['exported schema', fromFiles], ['bundled OpenAPI', fromBundles]] as const) {
    const fn = get(ref);
    expect(fn(value), `${what} against the ${where} ${ref}: ${JSON.stringify(fn.errors, null, 2)}`).toBe(true);
  }
}

beforeAll(async () => {
  const res = await cli(['schema', 'export', '--out', OUT]);
  expect(res, res.err).toMatchObject({ code: 0 });
  const yaml = await cli(['schema', 'export', '--out', path.join(tmp, 'yaml'), '--format', 'yaml']);
  expect(yaml.code, yaml.err).toBe(0);
  fromFiles = exportedValidators(OUT);
  for (const p of PROFILES) bundleNames.set(p, matchBundle(p, exportedDoc(p)));
  fromBundles = bundleValidators(OUT, bundleNames);
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------

describe('schema export: the same files the checks use', () => {
  it('writes one bundled document per profile in openapi/ and every file of schemas/', () => {
    expect(PROFILES).toContain('nanogpt');
    expect(filesUnder(OUT)).toEqual([
      ...PROFILES.map((p) => `openapi/${p}.openapi.json`),
      ...schemaIds().map((rel) => `schemas/${rel}`),
    ].sort());
    expect(filesUnder(path.join(tmp, 'yaml')).filter((f) => f.startsWith('openapi/'))).toEqual(PROFILES.map((p) => `openapi/${p}.openapi.yaml`));
  });

  it('the exported JSON Schemas are schemas/, byte for byte', () => {
    for (const rel of schemaIds()) {
      expect(readFileSync(path.join(OUT, 'schemas', rel)).equals(readFileSync(path.join(schemasDir(), rel))), rel).toBe(true);
    }
  });

  it('each bundled document is its source document plus the schema files it reaches, unchanged', () => {
    // matchBundle ran on every profile in beforeAll; here it must notice a bundle that drifted.
    for (const [profile, names] of bundleNames) expect(names.size, profile).toBeGreaterThan(0);
    const doc = exportedDoc('nanogpt');
    const schemas = (doc['components'] as JsonObject)['schemas'] as JsonObject;
    const pricing = schemas[bundleNames.get('nanogpt')!.get('nanogpt/pricing.schema.json')!] as JsonObject;
    (pricing['properties'] as JsonObject)['currency'] = { const: 'EUR' };
    expect(() => matchBundle('nanogpt', doc)).toThrow(/currency/);
    const extra = exportedDoc('nanogpt');
    ((extra['components'] as JsonObject)['schemas'] as JsonObject)['Stray'] = { type: 'string' };
    expect(() => matchBundle('nanogpt', extra)).toThrow(/only the sources/);
  });

  it('in-process and as a real process the export is byte-identical, and so is a second export', async () => {
    const proc = path.join(tmp, 'proc');
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, 'schema', 'export', '--out', proc], { timeout: 60_000 });
    expect(stderr).toMatch(/wrote \d+ OpenAPI document\(s\) and \d+ JSON Schema\(s\)/);
    expect(stdout.trim().split('\n')).toEqual(filesUnder(proc).map((f) => path.join(proc, f)));
    const again = path.join(tmp, 'again');
    expect((await cli(['schema', 'export', '--out', again])).code).toBe(0);
    for (const dir of [proc, again]) {
      expect(filesUnder(dir)).toEqual(filesUnder(OUT));
      for (const f of filesUnder(OUT)) expect(readFileSync(path.join(dir, f)).equals(readFileSync(path.join(OUT, f))), f).toBe(true);
    }
  });

  it('--profile nanogpt writes its document and only the schema files it reaches', async () => {
    const dir = path.join(tmp, 'only-nanogpt');
    expect((await cli(['schema', 'export', '--out', dir, '--profile', 'nanogpt'])).code).toBe(0);
    const schemas = filesUnder(dir).filter((f) => f.startsWith('schemas/')).map((f) => f.slice('schemas/'.length));
    expect(filesUnder(dir).filter((f) => f.startsWith('openapi/'))).toEqual(['openapi/nanogpt.openapi.json']);
    expect(schemas).toEqual([...bundleNames.get('nanogpt')!.keys()].sort());
    expect(schemas).toContain('common/openai-error.schema.json');
    expect(schemas.every((s) => s.startsWith('nanogpt/') || s.startsWith('common/'))).toBe(true);
    expect(readFileSync(path.join(dir, 'openapi/nanogpt.openapi.json')).equals(readFileSync(path.join(OUT, 'openapi/nanogpt.openapi.json')))).toBe(true);
  });

  it('usage errors exit 2 and write nothing', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    for (const [argv, message] of [
      [['schema'], /missing schema command/],
      [['schema', 'import'], /unknown schema command "import"/],
      [['schema', 'export'], /missing --out/],
      [['schema', 'export', '--out', path.join(tmp, 'x1'), '--profile', 'nope'], /unknown profile "nope"/],
      [['schema', 'export', '--out', path.join(tmp, 'x2'), '--format', 'xml'], /--format takes json or yaml/],
      [['schema', 'export', '--out', path.join(tmp, 'x3'), 'extra'], /unexpected argument "extra"/],
      [['schema', 'export', '--out', file], /cannot write to/],
    ] as const) {
      const res = await cli([...argv]);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.err).toMatch(message);
    }
    expect(readdirSync(tmp)).not.toContain('x1');
    expect((await cli(['--help'])).out).toContain('conformance schema export --out <dir>');
  });
});

// ---------------------------------------------------------------------------------------------

describe('generators accept the export', () => {
  it('swagger-parser validates every bundled document (JSON and YAML) with nothing external to resolve', async () => {
    for (const profile of PROFILES) {
      for (const file of [path.join(OUT, 'openapi', `${profile}.openapi.json`), path.join(tmp, 'yaml', 'openapi', `${profile}.openapi.yaml`)]) {
        const api = await SwaggerParser.validate(file, { resolve: { external: false } } as SwaggerParser.Options);
        expect((api as { openapi?: string }).openapi, file).toMatch(/^3\.1\./);
      }
      const refs: string[] = [];
      walk(exportedDoc(profile), (o) => {
        if (typeof o['$ref'] === 'string') refs.push(o['$ref']);
        expect(o['$id'], `${profile}: no $id in the bundle`).toBeUndefined();
      });
      expect(refs.filter((r) => !r.startsWith('#/')), `${profile}: external refs`).toEqual([]);
    }
  });

  it('swagger-parser rejects a bundle with a dangling $ref (the check above can fail)', async () => {
    const doc = exportedDoc('nanogpt');
    const file = path.join(tmp, 'dangling.openapi.json');
    writeFileSync(file, JSON.stringify(doc).replace('"#/components/schemas/ModelBasic"', '"#/components/schemas/Nope"'));
    await expect(SwaggerParser.validate(file, { resolve: { external: false } } as SwaggerParser.Options)).rejects.toThrow(/Nope|resolve|pointer/i);
  });

  it('the YAML document parses (js-yaml, via swagger-parser) to the JSON document', async () => {
    for (const profile of PROFILES) {
      const parsed = await SwaggerParser.parse(path.join(tmp, 'yaml', 'openapi', `${profile}.openapi.yaml`));
      expect(parsed).toEqual(exportedDoc(profile));
    }
  });

  it('openapi-typescript and json-schema-to-typescript generate TypeScript that compiles', async () => {
    const gen = path.join(tmp, 'generated');
    rmSync(gen, { recursive: true, force: true });
    const files: string[] = [];
    const write = (name: string, text: string): void => {
      const file = path.join(gen, name);
      writeFileSync(file, text);
      files.push(file);
    };
    mkdirSync(gen, { recursive: true });
    writeFileSync(path.join(gen, 'package.json'), '{"type":"module"}'); // ESM, as the project

    for (const profile of PROFILES) {
      const fromJson = astToString(await openapiTS(new URL(`file://${path.join(OUT, 'openapi', `${profile}.openapi.json`)}`)));
      const fromYaml = astToString(await openapiTS(new URL(`file://${path.join(tmp, 'yaml', 'openapi', `${profile}.openapi.yaml`)}`)));
      expect(fromYaml, `${profile}: YAML and JSON give the same types`).toBe(fromJson);
      write(`${profile}.openapi.ts`, fromJson);
    }
    const roots = new Map<string, string>();
    for (const rel of schemaIds()) {
      const file = path.join(OUT, 'schemas', rel);
      const out = await compileFromFile(file, {
        cwd: path.dirname(file),
        bannerComment: '',
        $refOptions: { resolve: { http: false } },
      });
      roots.set(rel, /export (?:interface|type) (\w+)/.exec(out)![1]!);
      write(`${rel.replace(/\//g, '__').replace(/\.schema\.json$/, '')}.ts`, out);
    }
    // The types are real: a valid value type-checks, a wrong one does not.
    write('usage.ts', `import type { components } from './nanogpt.openapi.js';
import type { ${roots.get('nanogpt/models-list.schema.json')} as List } from './nanogpt__models-list.js';
const item = { id: 'a', object: 'model', created: 1, owned_by: 'o' } as const;
export const a: components['schemas']['ModelsList'] = { object: 'list', data: [item] };
export const b: List = { object: 'list', data: [item] };
// @ts-expect-error created is a number
export const c: components['schemas']['ModelBasic'] = { ...item, created: 'x' };
// @ts-expect-error created is a number
export const d: List['data'][number] = { ...item, created: 'x' };
`);
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${path.basename(d.file.fileName)})` : ''));
    expect(diagnostics).toEqual([]);
    expect(files.length).toBe(PROFILES.length + schemaIds().length + 1);
  }, 60_000);

  it("the project's response types are what gen:types makes from schemas/ now (run npm run gen:types)", async () => {
    expect(await generateTypes()).toBe(readFileSync(TYPES_FILE, 'utf8'));
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe('real and seed examples validate against the exported contract', () => {
  it.each(FIXTURE_CASES)('%s against %s', (file, ref, select) => {
    expectValidEverywhere(ref, select(fixture(file)), file);
  });

  it.each(REJECTED_FIXTURES.map((r) => [r.what, r] as const))('does not validate, as ruled: %s', (_what, r) => {
    const value = r.value();
    if (r.reason === 'json') {
      expect(() => JSON.parse(String(value))).toThrow();
      expectValidEverywhere(r.ref, r.repair!(String(value)), `${r.what} (repaired)`);
    } else {
      const fn = fromFiles(r.ref);
      expect(fn(value)).toBe(false);
      expect(fn.errors?.map((e) => e.keyword)).toContain(r.reason);
    }
    expect(readFileSync(path.join(packageRoot(), 'docs', 'rulings.md'), 'utf8')).toContain(r.what);
  });

  const seedFiles = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();

  it('every JSON block of every seed page is accounted for', () => {
    expect(seedFiles.length).toBeGreaterThan(0);
    for (const seed of seedFiles) {
      const blocks = seedJsonBlocks(readFileSync(path.join(SEEDS_DIR, seed), 'utf8'));
      expect(blocks.map((b) => b.line), seed).toEqual((SEED_EXAMPLES[seed] ?? []).map((e) => e.line));
    }
    expect(Object.keys(SEED_EXAMPLES).every((s) => seedFiles.includes(s))).toBe(true);
  });

  const seedCases = Object.entries(SEED_EXAMPLES).flatMap(([seed, list]) => list.map((e) => [`${seed}:${e.line}`, seed, e] as const));
  it.each(seedCases)('%s', (_name, seed, expectation) => {
    const block = seedJsonBlocks(readFileSync(path.join(SEEDS_DIR, seed), 'utf8')).find((b) => b.line === expectation.line);
    expect(block).toBeDefined();
    if ('sketch' in expectation) {
      expect(() => JSON.parse(block!.text)).toThrow();
      return;
    }
    const value = JSON.parse(block!.text) as Json;
    if ('outOfScope' in expectation) return;
    for (const [ref, select] of expectation.validates) expectValidEverywhere(ref, (select ?? ((j: Json) => j))(value), `${seed}:${expectation.line}`);
  });

  it('the validators used here can fail', () => {
    const bad = { object: 'list', data: [{ id: 'a', object: 'model', created: '1', owned_by: 'o' }] };
    expect(fromFiles('nanogpt/models-list.schema.json')(bad)).toBe(false);
    expect(fromBundles('nanogpt/models-list.schema.json')(bad)).toBe(false);
    expect(fromBundles('nanogpt/model-detailed.schema.json#/properties/pricing')({ prompt: 1, completion: 1, currency: 'EUR', unit: 'per_million_tokens' })).toBe(false);
  });
});
