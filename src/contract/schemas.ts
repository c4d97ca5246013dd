/**
 * Runtime access to the JSON Schemas under `schemas/`.
 *
 * Every `*.json` file under `schemas/` is loaded once, added by its `$id`
 * (`https://conformance.dev/schemas/<dir>/<file>`) to a single Ajv2020
 * instance, and compiled lazily per reference. References are given relative
 * to `schemas/`, optionally with a JSON-pointer fragment:
 *
 *   validate('nanogpt/models-list.schema.json', body)
 *   validate('nanogpt/model-detailed.schema.json#/properties/pricing', item.pricing)
 *
 * Compiling the schemas costs more than a whole run's checks, so `npm run build` also writes Ajv
 * standalone code for the roots and their first-level fragments (standalone.ts, prebuilt.ts), which
 * code running from dist/ always uses. Any other reference, and all of them when running from
 * src/ (tests), are compiled by Ajv, which is then loaded on first use only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { hasPrebuilt, prebuiltValidators } from './prebuilt.js';

/** One validation failure. */
export interface SchemaIssue {
  /** JSON pointer into the validated value ('' for the root). For `required`, the object missing the property. */
  pointer: string;
  /** The failing JSON Schema keyword (type, const, required, format, anyOf, ...). */
  keyword: string;
  /** Human-readable message, e.g. "must be number" or "must be equal to constant \"model\"". */
  message: string;
  /** Location of the failing keyword in the schema (Ajv schemaPath). */
  schemaPath: string;
}

/** Base of every schema `$id`: `<SCHEMA_ID_BASE><dir>/<file>`. */
export const SCHEMA_ID_BASE = 'https://conformance.dev/schemas/';

// Ajv and ajv-formats are CommonJS, required (synchronously) only when a validator must be compiled.
const require = createRequire(import.meta.url);

/** The one Ajv configuration, shared by the runtime and the build-time standalone code. */
export function createAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new AjvClass({
    allErrors: true,
    strict: true,
    // `type: ["number", "null"]` is used for nullable fields.
    allowUnionTypes: true,
    // `examples`, `title`, `description` are 2020-12 meta-data keywords, known to Ajv in strict mode.
    ...extra,
  });
  addFormats(ajv);
  return ajv;
}

interface Registry {
  /** relative name ('nanogpt/models-list.schema.json') -> absolute $id */
  ids: Map<string, string>;
  /** The parsed schema files, in `ids` order; read only if Ajv must compile. */
  schemas: object[] | undefined;
  /** Running from a build: its standalone validators are used. */
  prebuilt: boolean;
  ajv: Ajv2020 | undefined;
  /** full ref (relative name + optional '#fragment') -> compiled validator */
  compiled: Map<string, ValidateFunction>;
}

let cachedRoot: string | undefined;
let registry: Registry | undefined;

/** Directory of the nearest package.json above this module (works from src/ and dist/src/). */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`conformance: no package.json found above ${fileURLToPath(import.meta.url)}`);
    }
    dir = parent;
  }
}

/** Absolute path of the `schemas/` directory. */
export function schemasDir(): string {
  return path.join(packageRoot(), 'schemas');
}

function listSchemaFiles(dir: string, rel = '', out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relName = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) listSchemaFiles(path.join(dir, entry.name), relName, out);
    else if (entry.name.endsWith('.json')) out.push(relName);
  }
  return out;
}

function load(): Registry {
  if (registry !== undefined) return registry;
  const dir = schemasDir();
  if (!existsSync(dir)) throw new Error(`conformance: schemas directory not found: ${dir}`);
  const ids = new Map(listSchemaFiles(dir).map((rel) => [rel, SCHEMA_ID_BASE + rel]));
  registry = { ids, schemas: undefined, prebuilt: hasPrebuilt(), ajv: undefined, compiled: new Map() };
  return registry;
}

/** Reads and checks every schema file (once). */
function schemasOf(reg: Registry): object[] {
  if (reg.schemas) return reg.schemas;
  const dir = schemasDir();
  const schemas: object[] = [];
  for (const rel of reg.ids.keys()) {
    const file = path.join(dir, rel);
    const text = readFileSync(file, 'utf8');
    let schema: unknown;
    try {
      schema = JSON.parse(text); // our own schemas/, shipped with the tool: not server data, so no depth guard (core/json.ts)
    } catch (err) {
      throw new Error(`conformance: ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new Error(`conformance: ${file} is not a JSON Schema object`);
    }
    const expectedId = SCHEMA_ID_BASE + rel;
    const id = (schema as { $id?: unknown }).$id;
    if (id !== expectedId) {
      throw new Error(`conformance: ${file} has $id ${JSON.stringify(id)}, expected ${JSON.stringify(expectedId)}`);
    }
    schemas.push(schema);
  }
  reg.schemas = schemas;
  return schemas;
}

/** The runtime Ajv with every schema added; created on first use. */
function ajvOf(reg: Registry): Ajv2020 {
  if (reg.ajv) return reg.ajv;
  const ajv = createAjv();
  for (const schema of schemasOf(reg)) ajv.addSchema(schema);
  reg.ajv = ajv;
  return ajv;
}

/** The schema files as read and checked now, for the build (standalone.ts). */
export function schemaSources(): readonly object[] {
  return schemasOf(load());
}

/**
 * Absolute file path of the schema whose `$id` is `id` (fragment ignored), or undefined.
 * Lets a JSON-reference resolver (e.g. swagger-parser's `resolve` option) map
 * `https://conformance.dev/schemas/...` to the local files without any network access.
 */
export function schemaPathForId(id: string): string | undefined {
  const noHash = id.split('#', 1)[0] ?? '';
  if (!noHash.startsWith(SCHEMA_ID_BASE)) return undefined;
  const rel = noHash.slice(SCHEMA_ID_BASE.length);
  return load().ids.has(rel) ? path.join(schemasDir(), ...rel.split('/')) : undefined;
}

/**
 * Deep copy of `doc` without the `$id` / `$schema` keywords of embedded schemas (the root's are kept).
 *
 * Needed after swagger-parser `bundle()`: it inlines the schema files (each with its own `$id`)
 * and rewrites the references inside them to document-root pointers such as
 * `#/components/schemas/ModelBasic`. Under JSON Schema 2020-12 / OpenAPI 3.1 those pointers
 * would resolve against the embedded `$id`, not the document, so the bundle is only
 * self-consistent once the embedded `$id`s are removed.
 */
export function stripEmbeddedSchemaIds<T>(doc: T): T {
  const walk = (node: unknown, isRoot: boolean, parentKey: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((v) => walk(v, false, undefined));
    if (node === null || typeof node !== 'object') return node;
    // Keys of a `properties`-like map are instance property names, not keywords.
    const isNameMap = parentKey === 'properties' || parentKey === 'patternProperties' || parentKey === '$defs' || parentKey === 'schemas';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (!isRoot && !isNameMap && (k === '$id' || k === '$schema') && typeof v === 'string') continue;
      out[k] = walk(v, false, isNameMap ? undefined : k);
    }
    return out;
  };
  return walk(doc, true, undefined) as T;
}

/** Relative names of every schema file, e.g. 'nanogpt/models-list.schema.json' (sorted). */
export function schemaIds(): string[] {
  return [...load().ids.keys()];
}

/** Compiled validator for a schema reference (cached). Throws on an unknown reference. */
export function validator(schemaRef: string): ValidateFunction {
  const reg = load();
  const hit = reg.compiled.get(schemaRef);
  if (hit !== undefined) return hit;

  const hashAt = schemaRef.indexOf('#');
  const rel = hashAt === -1 ? schemaRef : schemaRef.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : schemaRef.slice(hashAt + 1);
  const id = reg.ids.get(rel);
  if (id === undefined) {
    throw new Error(`conformance: unknown schema ${JSON.stringify(schemaRef)} (known: ${[...reg.ids.keys()].join(', ')})`);
  }
  if (fragment !== '' && !fragment.startsWith('/')) {
    throw new Error(`conformance: schema fragment must be a JSON pointer: ${JSON.stringify(schemaRef)}`);
  }
  let fn = reg.prebuilt ? prebuiltValidators(rel)[fragment === '' ? rel : `${rel}#${fragment}`] : undefined;
  try {
    fn ??= ajvOf(reg).getSchema(fragment === '' ? id : `${id}#${fragment}`);
  } catch (err) {
    throw new Error(`conformance: cannot compile schema ${JSON.stringify(schemaRef)}: ${(err as Error).message}`);
  }
  if (fn === undefined) {
    throw new Error(`conformance: unknown schema ${JSON.stringify(schemaRef)} (no such pointer in ${rel})`);
  }
  reg.compiled.set(schemaRef, fn);
  return fn;
}

function describe(e: ErrorObject): string {
  const base = e.message ?? `fails ${e.keyword}`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'const':
      return `${base} ${JSON.stringify(p['allowedValue'])}`;
    case 'enum':
      return `${base}: ${JSON.stringify(p['allowedValues'])}`;
    default:
      return base;
  }
}

/** Issues collected per validation; a caller reports the first and says there are more. */
export const MAX_ISSUES = 100;
/** A list's `data` is validated this many items at a time, stopping once MAX_ISSUES are found. */
const SLICE_ITEMS = 1_000;

/**
 * A list body in slices of its `data` array (each the body with part of `data`), with the index
 * of its first item; any other value whole. No schema here constrains `data` as a whole (no
 * minItems, uniqueItems, contains), so the slices are valid exactly when the whole is; and Ajv
 * (allErrors) would otherwise build one error per bad item: millions, for a hostile list.
 */
function isLongList(value: unknown): boolean {
  const data = (value as { data?: unknown } | null)?.data;
  return Array.isArray(data) && data.length > SLICE_ITEMS && typeof value === 'object' && !Array.isArray(value);
}

function* slices(value: unknown): Generator<[unknown, number]> {
  const data = (value as { data: unknown[] }).data;
  for (let i = 0; i < data.length; i += SLICE_ITEMS) yield [{ ...(value as object), data: data.slice(i, i + SLICE_ITEMS) }, i];
}

/**
 * Validate `value` against a schema reference relative to `schemas/`
 * ('nanogpt/models-list.schema.json' or 'nanogpt/model-detailed.schema.json#/properties/pricing').
 * Returns [] when valid. Throws when the reference is unknown.
 */
export function validate(schemaRef: string, value: unknown): SchemaIssue[] {
  const fn = validator(schemaRef);
  const errors: NonNullable<typeof fn.errors> = [];
  // The common case (an item's field, a short list) in one call, without slices: a run validates
  // item fields some 200,000 times on a 5,000-model catalogue.
  if (!isLongList(value)) {
    if (fn(value)) return [];
    for (const e of fn.errors ?? []) errors.push(e);
  } else for (const [part, offset] of slices(value)) {
    if (fn(part)) continue;
    for (const e of fn.errors ?? []) errors.push(offset ? { ...e, instancePath: e.instancePath.replace(/^\/data\/(\d+)/, (_m, i: string) => `/data/${Number(i) + offset}`) } : e);
    if (errors.length >= MAX_ISSUES) break;
  }
  return errors.slice(0, MAX_ISSUES).map((e) => ({
    pointer: e.instancePath,
    keyword: e.keyword,
    message: describe(e),
    schemaPath: e.schemaPath,
  }));
}
