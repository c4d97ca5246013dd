/**
 * The standalone validators `npm run build` writes (standalone.ts) into dist/src/contract/validators/,
 * one CommonJS module per schema file. Code running from dist/ always uses them: they are build
 * output like the rest of dist/, so a change to schemas/ takes `npm run build`, as a change to
 * src/ does. Code running from src/ (tests) has no such folder, and schemas.ts compiles with Ajv.
 * A run loads only the modules of the schemas it validates against.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** dist/src/contract/validators/, found from the compiled prebuilt.js and from the bundled CLI in dist/src/cli/ alike. */
export const PREBUILT_DIR = fileURLToPath(new URL('../contract/validators/', import.meta.url));

/** Module path of one schema file's validators. */
export function prebuiltPath(rel: string): string {
  return path.join(PREBUILT_DIR, ...`${rel}.cjs`.split('/'));
}

/** True when this code runs from a build, which always has its validators. */
export function hasPrebuilt(): boolean {
  return existsSync(PREBUILT_DIR);
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Record<string, ValidateFunction>>();

/** The validators of one schema file by normalised ref ('<rel>' or '<rel>#<pointer>'). Throws when the build lacks them. */
export function prebuiltValidators(rel: string): Record<string, ValidateFunction> {
  let hit = loaded.get(rel);
  if (!hit) {
    try {
      hit = (require(prebuiltPath(rel)) as { validators: Record<string, ValidateFunction> }).validators;
    } catch (err) {
      throw new Error(`conformance: the build has no validators for ${rel} (${(err as Error).message}); run npm run build`);
    }
    loaded.set(rel, hit);
  }
  return hit;
}
