/**
 * Where the tests find their material, all inside the repository: the documents the checks quote
 * (docs/sources/, pinned revisions with their public URLs in docs/sources/README.md) and the
 * examples and captures cut from public material (test/fixtures/real/, provenance in PROVENANCE.md).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/contract/schemas.js';

export const SOURCES_DIR = path.join(packageRoot(), 'docs', 'sources');
export const FIXTURES_DIR = path.join(packageRoot(), 'test', 'fixtures', 'real');

/** A fixture by name, or a source document of that name (the OpenAI spec excerpt is both). */
export function locate(name: string): string {
  const fixture = path.join(FIXTURES_DIR, name);
  const file = existsSync(fixture) ? fixture : path.join(SOURCES_DIR, name);
  if (!existsSync(file)) throw new Error(`${name} is neither in test/fixtures/real/ nor in docs/sources/`);
  return file;
}
