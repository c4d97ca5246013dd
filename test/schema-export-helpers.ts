/**
 * What test/schema-export.test.ts uses to read an export: its files, the proof that a bundled
 * document is its sources (matchBundle), and Ajv validators over the exported schemas and bundles.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import { packageRoot, schemaIds, schemasDir } from '../src/contract/schemas.js';
import { schemaTypeName } from '../src/contract/bundle.js';
import type { Json } from './examples.js';

export type JsonObject = { [k: string]: Json };
const addFormats = addFormatsModule.default;
export const OPENAPI_DIR = path.join(packageRoot(), 'openapi');

/** Every file under `dir`, as sorted paths relative to it. */
export function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).sort().flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
  });
}

export function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

export function isObj(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function walk(node: Json, visit: (o: JsonObject) => void): void {
  if (Array.isArray(node)) node.forEach((v) => walk(v, visit));
  else if (isObj(node)) {
    visit(node);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** The bundled OpenAPI document an export in `dir` wrote for `profile`. */
export function readExportedDoc(dir: string, profile: string): JsonObject {
  return readJson(path.join(dir, 'openapi', `${profile}.openapi.json`)) as JsonObject;
}

const relOf = (fromFile: string, ref: string): string => path.relative(schemasDir(), path.resolve(path.dirname(fromFile), ref)).split(path.sep).join('/');

/** The comparison of one bundle with its sources: the component name found for each schema file. */
class BundleMatch {
  /** schema file (relative to schemas/) -> its component name in the bundle */
  readonly names = new Map<string, string>();

  constructor(readonly outSchemas: JsonObject) {}

  /** Records that `rel` sits under `name`: once, and no other file under that name. */
  nameFor(rel: string, name: string, where: string): void {
    const known = this.names.get(rel);
    expect(known ?? name, `${where}: ${rel} under two names`).toBe(name);
    expect([...this.names].filter(([r, n]) => n === name && r !== rel), `${where}: ${name} holds two files`).toEqual([]);
    if (known === undefined) this.names.set(rel, name);
  }

  /** `out` equals `src` but for the $refs, which must point where `src`'s do (`ownName`: the component of the file being compared). */
  same(src: Json, out: Json, fromFile: string, ownName: string | undefined, where: string): void {
    if (Array.isArray(src)) {
      expect(Array.isArray(out) && out.length === src.length, `${where}: same array length`).toBe(true);
      src.forEach((v, i) => this.same(v, (out as Json[])[i]!, fromFile, ownName, `${where}/${i}`));
      return;
    }
    if (!isObj(src)) {
      expect(out, where).toEqual(src);
      return;
    }
    expect(isObj(out), where).toBe(true);
    const o = out as JsonObject;
    expect(Object.keys(o), where).toEqual(Object.keys(src));
    for (const [k, v] of Object.entries(src)) {
      if (typeof v === 'string' && k === '$ref') this.sameRef(v, o[k]!, fromFile, ownName, where);
      else this.same(v, o[k]!, fromFile, ownName, `${where}/${k}`);
    }
  }

  private sameRef(ref: string, out: Json, fromFile: string, ownName: string | undefined, where: string): void {
    const [filePart = '', fragment = ''] = ref.split('#');
    const m = /^#\/components\/schemas\/([^/]+)(.*)$/.exec(String(out));
    if (filePart === '' && ownName === undefined) {
      expect(out, `${where}: internal ref`).toBe(ref);
    } else if (filePart === '') {
      expect(out, `${where}: ref within the file`).toBe(`#/components/schemas/${ownName}${fragment}`);
    } else {
      expect(m, `${where}: ${ref} became ${String(out)}`).not.toBeNull();
      expect(m![2], `${where}: fragment of ${ref}`).toBe(fragment);
      this.nameFor(relOf(fromFile, filePart), m![1]!, where);
    }
  }
}

/**
 * Proves a bundled document is its sources: walks the source document and, through each external
 * $ref, every schema file it reaches, beside the bundle. Everything but the $refs (and the root
 * $id/$schema of a file) must be equal, and each file must sit under one component name.
 * Returns schema file -> component name; fails the test on any difference.
 */
export function matchBundle(profile: string, bundle: JsonObject): Map<string, string> {
  const docFile = path.join(OPENAPI_DIR, `${profile}.openapi.json`);
  const source = readJson(docFile) as JsonObject;
  const match = new BundleMatch((bundle['components'] as JsonObject)['schemas'] as JsonObject);
  const srcSchemas = matchDocument(match, profile, docFile, source, bundle);
  matchSchemaFiles(match, profile);
  const { names, outSchemas } = match;
  const explained = new Set([...names.values(), ...Object.keys(srcSchemas).filter((n) => ![...names.values()].includes(n))]);
  expect(Object.keys(outSchemas).sort(), `${profile}: components/schemas holds only the sources`).toEqual([...explained].sort());
  return names;
}

/** The document without components.schemas; an entry there that is a pure $ref to a file names that file. Returns the source's components.schemas. */
function matchDocument(match: BundleMatch, profile: string, docFile: string, source: JsonObject, bundle: JsonObject): JsonObject {
  const { components: srcComponents, ...srcRest } = source;
  const { components: outComponents, ...outRest } = bundle;
  match.same(srcRest, outRest, docFile, undefined, profile);
  const { schemas: srcSchemas = {}, ...srcOtherComponents } = (srcComponents ?? {}) as JsonObject;
  const { schemas: _outSchemas, ...outOtherComponents } = outComponents as JsonObject;
  match.same(srcOtherComponents, outOtherComponents, docFile, undefined, `${profile}/components`);
  const aliases = new Set<string>();
  for (const [name, entry] of Object.entries(srcSchemas as JsonObject)) {
    const target = isObj(entry) && Object.keys(entry).length === 1 ? entry['$ref'] : undefined;
    // The first pure alias of a file names it; a second alias of the same file stays an alias.
    const rel = typeof target === 'string' && !target.includes('#') ? relOf(docFile, target) : undefined;
    if (rel !== undefined && [undefined, name].includes(match.names.get(rel)) && !aliases.has(rel)) {
      aliases.add(rel);
      match.nameFor(rel, name, `${profile}/components/schemas/${name}`);
    }
    else match.same(entry, match.outSchemas[name]!, docFile, undefined, `${profile}/components/schemas/${name}`);
  }
  return srcSchemas as JsonObject;
}

/** Each schema file named so far (and those it reaches in turn) against its component. */
function matchSchemaFiles(match: BundleMatch, profile: string): void {
  const { names, outSchemas } = match;
  // Schema files of the profile that the document does not reference go under their file-derived name.
  for (const rel of schemaIds().filter((r) => r.startsWith(`${profile}/`))) {
    if (!names.has(rel)) match.nameFor(rel, schemaTypeName(rel), `${profile}: ${rel}`);
  }
  const done = new Set<string>();
  const pending = (): string | undefined => [...names.keys()].find((r) => !done.has(r));
  for (let rel = pending(); rel !== undefined; rel = pending()) {
    done.add(rel);
    const file = path.join(schemasDir(), ...rel.split('/'));
    const { $id: _id, $schema: _s, ...body } = readJson(file) as JsonObject;
    const name = names.get(rel)!;
    expect(outSchemas[name], `${profile}: components/schemas/${name} (${rel})`).toBeDefined();
    match.same(body, outSchemas[name]!, file, name, `${profile}: ${rel}`);
  }
}

/** Ajv over the exported schema files, loaded by their own $ids, as a consumer would. */
export function exportedValidators(dir: string): (ref: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const ids = new Map<string, string>();
  for (const rel of filesUnder(path.join(dir, 'schemas'))) {
    const schema = readJson(path.join(dir, 'schemas', rel)) as JsonObject;
    ajv.addSchema(schema);
    ids.set(rel, String(schema['$id']));
  }
  return (ref) => {
    const [rel = '', fragment] = ref.split('#');
    const id = ids.get(rel);
    expect(id, `${rel} was exported`).toBeDefined();
    const fn = ajv.getSchema(fragment ? `${id}#${fragment}` : id!);
    expect(fn, ref).toBeDefined();
    return fn!;
  };
}

/** Ajv over the bundled OpenAPI documents an export in `dir` wrote: a ref resolves to its component. */
export function bundleValidators(dir: string, names: Map<string, Map<string, string>>): (ref: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const profile of names.keys()) ajv.addSchema(readExportedDoc(dir, profile) as object, `urn:bundle:${profile}`);
  return (ref) => {
    const [rel = '', fragment = ''] = ref.split('#');
    const hit = [...names].find(([, m]) => m.has(rel));
    expect(hit, `${rel} is in a bundled OpenAPI document (${[...names.keys()].join(', ')})`).toBeDefined();
    const fn = ajv.getSchema(`urn:bundle:${hit![0]}#/components/schemas/${hit![1].get(rel)!}${fragment}`);
    expect(fn, ref).toBeDefined();
    return fn!;
  };
}
