/**
 * `conformance schema export`: writes, for code generators, the contract the checks enforce.
 *
 *   <out>/openapi/<profile>.openapi.json|yaml   one self-contained OpenAPI 3.1 document per profile
 *   <out>/schemas/<dir>/<file>.schema.json       byte-for-byte copies of schemas/ (with $id and
 *                                                relative $refs, so Ajv or a file-based resolver
 *                                                reads them as they are)
 *
 * Profiles are discovered from openapi/<profile>.openapi.json. Everything is read from the same
 * schemas/ and openapi/ files the checks use, so the export cannot drift from them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot, schemaIds, schemasDir } from './schemas.js';
import { bundleOpenApi, type JsonObject } from './bundle.js';
import { toYaml } from './yaml.js';

export type ExportFormat = 'json' | 'yaml';

const DOC_SUFFIX = '.openapi.json';

export function openapiDir(): string {
  return path.join(packageRoot(), 'openapi');
}

/** Profiles with an OpenAPI document, sorted: 'nanogpt' for openapi/nanogpt.openapi.json. */
export function exportableProfiles(): string[] {
  const dir = openapiDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(DOC_SUFFIX)).map((f) => f.slice(0, -DOC_SUFFIX.length)).sort();
}

/** Schema files under schemas/<profile>/ (relative names). */
function profileSchemaFiles(profile: string): string[] {
  return schemaIds().filter((rel) => rel.startsWith(`${profile}/`));
}

export interface ProfileBundle {
  profile: string;
  /** The self-contained OpenAPI document. */
  doc: JsonObject;
  /** schema file (relative to schemas/) -> its name under components/schemas */
  names: Map<string, string>;
}

/** The bundled document of a profile: its OpenAPI file plus every schema under schemas/<profile>/. */
export function bundleProfile(profile: string): ProfileBundle {
  const file = path.join(openapiDir(), `${profile}${DOC_SUFFIX}`);
  if (!existsSync(file)) throw new Error(`conformance: no OpenAPI document for profile "${profile}" (${file})`);
  const { doc, names } = bundleOpenApi(file, profileSchemaFiles(profile));
  return { profile, doc, names };
}

export interface ExportOptions {
  out: string;
  /** Default: every profile found in openapi/. */
  profiles?: string[];
  format?: ExportFormat;
}

/** Writes the export; returns the written paths relative to `out` (forward slashes, sorted). */
export async function exportSchemas(opts: ExportOptions): Promise<string[]> {
  const format = opts.format ?? 'json';
  const all = exportableProfiles();
  const profiles = opts.profiles?.length ? [...new Set(opts.profiles)].sort() : all;
  const files = new Map<string, string | Buffer>();

  // Without --profile the whole schemas/ tree goes out; with it, what those profiles reach.
  const schemaFiles = new Set<string>(opts.profiles?.length ? [] : schemaIds());
  for (const profile of profiles) {
    const { doc, names } = bundleProfile(profile);
    for (const rel of names.keys()) schemaFiles.add(rel);
    const text = format === 'yaml' ? toYaml(doc) : `${JSON.stringify(doc, null, 2)}\n`;
    files.set(`openapi/${profile}.openapi.${format}`, text);
  }
  for (const rel of schemaFiles) files.set(`schemas/${rel}`, readFileSync(path.join(schemasDir(), ...rel.split('/'))));

  const written = [...files.keys()].sort();
  for (const rel of written) {
    const target = path.join(opts.out, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, files.get(rel)!);
  }
  return written;
}
