/**
 * Deterministic bundling of the schema files into one self-contained document, for code generators.
 *
 * Why not swagger-parser's bundle(): it names components after whichever path it dereferences
 * first and keeps each file's `$id`, which under JSON Schema 2020-12 re-scopes the root pointers
 * it writes. Here every schema file a document reaches is inlined once, without `$id`/`$schema`,
 * under a name that depends only on the input, and every `$ref` becomes an internal pointer.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from './schemas.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** 'nanogpt/model-basic.schema.json' -> 'NanogptModelBasic' (directory and file stem, PascalCase). */
export function schemaTypeName(rel: string): string {
  return rel
    .replace(/(\.schema)?\.json$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export function readJsonFile(file: string): Json {
  try {
    // Our own schemas/ and openapi/ files, never server data: no depth guard (core/json.ts) needed.
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (err) {
    throw new Error(`conformance: cannot read ${file} as JSON: ${(err as Error).message}`);
  }
}

export function isJsonObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `abs` relative to `root` ('nanogpt/x.schema.json'); throws unless it is a .json file there. */
function relUnder(root: string, abs: string, ref: string): string {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel) || !rel.endsWith('.json') || !existsSync(abs)) {
    throw new Error(`conformance: $ref ${JSON.stringify(ref)} does not name a .json file under ${root}`);
  }
  return rel;
}

// Values of these keywords are instance data, not schemas: a "$ref" inside them is not a reference.
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);

/** Inlines schema files reached through `$ref`s under `<prefix><Name>`, each once. */
export class SchemaInliner {
  /** relative file name (as under schemas/) -> name it is inlined under */
  readonly names = new Map<string, string>();
  /** name -> the file's schema with internal refs, without `$id` / `$schema` */
  readonly bodies = new Map<string, JsonObject>();
  private readonly used: Set<string>;

  constructor(
    private readonly prefix: string,
    /** Names chosen by the caller for some files (e.g. the document's own component names). */
    private readonly preferred = new Map<string, string>(),
    /** Names that already mean something else in the target document. */
    reserved: Iterable<string> = [],
    private readonly root = schemasDir(),
  ) {
    this.used = new Set([...reserved, ...preferred.values()]);
  }

  /** Inline `rel` (and what it references); returns its name. */
  include(rel: string): string {
    const known = this.names.get(rel);
    if (known !== undefined) return known;
    const name = this.preferred.get(rel) ?? this.freeName(schemaTypeName(rel));
    this.used.add(name);
    this.names.set(rel, name); // before recursing: schemas may reference each other in a cycle
    const file = path.join(this.root, ...rel.split('/'));
    const schema = readJsonFile(file);
    if (!isJsonObject(schema)) throw new Error(`conformance: ${file} is not a JSON Schema object`);
    const { $id: _id, $schema: _dialect, ...rest } = schema;
    this.bodies.set(name, this.rewrite(rest, file, true) as JsonObject);
    return name;
  }

  /** The internal pointer for `ref`, written in `fromFile` (a schema file or the document). */
  ref(ref: string, fromFile: string, fromSchemaFile: boolean): string {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new Error(`conformance: ${fromFile}: only JSON-pointer fragments are supported in $ref ${JSON.stringify(ref)}`);
    }
    if (filePart === '') {
      if (!fromSchemaFile) return ref; // already internal to the document
      return `${this.prefix}${this.include(relUnder(this.root, fromFile, ref))}${fragment}`;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      throw new Error(`conformance: ${fromFile}: absolute $ref ${JSON.stringify(ref)} cannot be bundled (use a relative path into schemas/)`);
    }
    const abs = path.resolve(path.dirname(fromFile), decodeURIComponent(filePart));
    return `${this.prefix}${this.include(relUnder(this.root, abs, ref))}${fragment}`;
  }

  /** Deep copy of `node` with every `$ref` rewritten by ref(). */
  rewrite(node: Json, fromFile: string, fromSchemaFile: boolean): Json {
    if (Array.isArray(node)) return node.map((v) => this.rewrite(v, fromFile, fromSchemaFile));
    if (!isJsonObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out[k] = this.ref(v, fromFile, fromSchemaFile);
      else if (fromSchemaFile && k === '$id' && typeof v === 'string') {
        throw new Error(`conformance: ${fromFile}: a nested $id would re-scope the bundled refs; keep $id at the root only`);
      } else if (fromSchemaFile && DATA_KEYWORDS.has(k)) out[k] = structuredClone(v);
      else out[k] = this.rewrite(v, fromFile, fromSchemaFile);
    }
    return out;
  }

  private freeName(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    return name;
  }
}

/**
 * One self-contained OpenAPI document: every schema file the document references (and every file
 * under `extra`) goes under `components/schemas`, no `$id`, no external `$ref`.
 * A file the document already names with a pure alias (`Name: {$ref: file}`) is inlined under
 * that name; any other file gets schemaTypeName(). Component names are the generators' type names.
 */
export function bundleOpenApi(docFile: string, extra: string[] = [], root = schemasDir()): { doc: JsonObject; names: Map<string, string> } {
  const doc = readJsonFile(docFile);
  if (!isJsonObject(doc)) throw new Error(`conformance: ${docFile} is not an OpenAPI object`);
  const components = isJsonObject(doc['components']) ? doc['components'] : {};
  const declared = isJsonObject(components['schemas']) ? components['schemas'] : {};

  const preferred = new Map<string, string>();
  const reserved: string[] = [];
  for (const [name, entry] of Object.entries(declared)) {
    const target = isJsonObject(entry) && Object.keys(entry).length === 1 ? entry['$ref'] : undefined;
    if (typeof target === 'string' && !target.includes('#')) {
      const rel = relUnder(root, path.resolve(path.dirname(docFile), decodeURIComponent(target)), target);
      if (!preferred.has(rel)) {
        preferred.set(rel, name);
        continue;
      }
    }
    reserved.push(name);
  }

  const inliner = new SchemaInliner('#/components/schemas/', preferred, reserved, root);
  const rewritten = inliner.rewrite(doc, docFile, false) as JsonObject;
  for (const rel of extra) inliner.include(rel);

  const aliasNames = new Set(preferred.values());
  const outComponents = isJsonObject(rewritten['components']) ? rewritten['components'] : {};
  const outDeclared = isJsonObject(outComponents['schemas']) ? outComponents['schemas'] : {};
  const schemas: JsonObject = {};
  // The document's order first (an alias replaced by the file it names), then the rest by name.
  for (const name of Object.keys(declared)) schemas[name] = aliasNames.has(name) ? inliner.bodies.get(name)! : outDeclared[name]!;
  for (const name of [...inliner.bodies.keys()].filter((n) => !(n in schemas)).sort()) schemas[name] = inliner.bodies.get(name)!;
  rewritten['components'] = { ...outComponents, schemas };
  return { doc: rewritten, names: inliner.names };
}
