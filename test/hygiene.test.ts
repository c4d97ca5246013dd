/** Repository hygiene that no single feature test would notice. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';

const CODE_DIRS = ['src', 'suites', 'reports', 'scripts', 'bench', 'test'];

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'fixtures' || name === '__snapshots__' ? [] : codeFiles(file);
    return /\.(ts|cts|mts|mjs|cjs|js)$/.test(name) ? [file] : [];
  });
}

describe('self-contained', () => {
  it('reads nothing from a folder beside the repository (../shared is not there for users or a fresh clone)', () => {
    const self = path.join(packageRoot(), 'test', 'hygiene.test.ts');
    const leaning = CODE_DIRS.flatMap((d) => codeFiles(path.join(packageRoot(), d)))
      .filter((f) => f !== self && /\.\.\/shared|CONFORMANCE_SHARED_DIR/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(packageRoot(), f));
    expect(leaning).toEqual([]);
  });
});
