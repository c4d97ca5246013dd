/**
 * Build step (`npm run build` runs `node dist/src/contract/standalone.js`): Ajv standalone code for
 * every schema root and its first-level fragments (#/properties/<p>, #/properties/<p>/items,
 * #/$defs/<d>), one CommonJS module per schema file. A run from dist/ then loads validators instead
 * of compiling them; any other reference is compiled by Ajv (schemas.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv, schemaSources, SCHEMA_ID_BASE } from './schemas.js';
import { PREBUILT_DIR, prebuiltPath } from './prebuilt.js';

const require = createRequire(import.meta.url);

const isSchema = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The fragments of one root schema that checks may ask for. */
function fragments(schema: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const keyword of ['properties', '$defs'] as const) {
    const map = schema[keyword];
    if (!isSchema(map)) continue;
    for (const [key, sub] of Object.entries(map)) {
      if (!isSchema(sub)) continue;
      out.push(`#/${keyword}/${escapePointer(key)}`);
      if (keyword === 'properties' && isSchema(sub.items)) out.push(`#/properties/${escapePointer(key)}/items`);
    }
  }
  return out;
}

/** CommonJS source per schema file (relative name -> source). */
export function standaloneSources(): Map<string, string> {
  const schemas = schemaSources();
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  // The generated code requires Ajv's runtime helpers and ajv-formats' formats itself, as Ajv's
  // standalone documentation describes: ajv and ajv-formats stay runtime dependencies.
  const ajv = createAjv({ code: { source: true } });
  for (const schema of schemas) ajv.addSchema(schema);

  const modules = new Map<string, string>();
  for (const schema of schemas as Record<string, unknown>[]) {
    const id = schema.$id as string;
    const rel = id.slice(SCHEMA_ID_BASE.length);
    // Export names are v0, v1...; `validators` maps the refs checks use to them.
    const names: Record<string, string> = {};
    const refs: string[] = [];
    for (const fragment of ['', ...fragments(schema)]) {
      names[`v${refs.length}`] = `${id}${fragment}`;
      refs.push(`${rel}${fragment}`);
    }
    const map = refs.map((ref, i) => `  ${JSON.stringify(ref)}: exports.v${i},`).join('\n');
    modules.set(rel, `${standaloneCode(ajv, names)}\nexports.validators = {\n${map}\n};\n`);
  }
  return modules;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const modules = standaloneSources();
  rmSync(PREBUILT_DIR, { recursive: true, force: true });
  for (const [rel, source] of modules) {
    mkdirSync(path.dirname(prebuiltPath(rel)), { recursive: true });
    writeFileSync(prebuiltPath(rel), source);
  }
}
