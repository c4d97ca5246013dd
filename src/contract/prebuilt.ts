/**
 * The standalone validators `npm run build` writes (standalone.ts) into dist/src/contract/validators/:
 * one CommonJS module per schema file and a manifest tying them to the schema files they came
 * from. A run loads only the modules of the schemas it validates against.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadValidatorModule } from './prebuilt-modules.js';

/**
 * dist/src/contract/validators/, found from the compiled prebuilt.js and from the bundled CLI in
 * dist/src/cli/ alike; runs from src/ (tests) never see a build's output.
 */
export const PREBUILT_DIR = fileURLToPath(new URL('../contract/validators/', import.meta.url));
export const MANIFEST = 'manifest.json';

/** [size, mtimeMs] of a schema file: unchanged files need not be read to trust the build. */
export type FileStamp = [number, number];

export interface Manifest {
  /** Hash of every schema file's name and bytes (schemas.ts), the authority when stamps differ. */
  schemasHash: string;
  files: Record<string, FileStamp>;
}

export function readManifest(): Manifest | undefined {
  const file = path.join(PREBUILT_DIR, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

export function stampsMatch(manifest: Manifest, stamps: ReadonlyMap<string, FileStamp>): boolean {
  const files = Object.entries(manifest.files);
  return files.length === stamps.size && files.every(([rel, [size, mtime]]) => {
    const stamp = stamps.get(rel);
    return stamp !== undefined && stamp[0] === size && stamp[1] === mtime;
  });
}

/** Module path of one schema file's validators. */
export function prebuiltPath(rel: string): string {
  return path.join(PREBUILT_DIR, ...`${rel}.cjs`.split('/'));
}

const loaded = new Map<string, Record<string, ValidateFunction>>();

/** The validators of one schema file by normalised ref ('<rel>' or '<rel>#<pointer>'); {} if missing. */
export function prebuiltValidators(rel: string): Record<string, ValidateFunction> {
  let hit = loaded.get(rel);
  if (!hit) {
    try {
      hit = (loadValidatorModule(rel, prebuiltPath(rel)) as { validators: Record<string, ValidateFunction> }).validators;
    } catch {
      // A damaged build: Ajv compiles instead.
      hit = {};
    }
    loaded.set(rel, hit);
  }
  return hit;
}
