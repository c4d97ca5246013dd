/** Repository hygiene that no single feature test would notice. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
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

// Spelt in parts so that this file, which names them, is not itself found by a plain grep for them.
const LEANING = new RegExp(['\\.\\./' + 'shared', 'CONFORMANCE_' + 'SHARED_DIR'].join('|'));

describe('self-contained', () => {
  it('reads nothing from a folder beside the repository (the shared folder is not there for users or a fresh clone)', () => {
    const self = path.join(packageRoot(), 'test', 'hygiene.test.ts');
    const leaning = CODE_DIRS.flatMap((d) => codeFiles(path.join(packageRoot(), d)))
      .filter((f) => f !== self && LEANING.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(packageRoot(), f));
    expect(leaning).toEqual([]);
  });
});

/**
 * Dependencies are used through their public interface only. A bare import of a package's inner
 * file (`<pkg>/<subpath>`) is allowed when the package's `exports` map declares that subpath, or
 * when it is a documented entry point of a package that has no `exports` map, listed here with
 * its documentation. Anything else (`undici/lib/...`, `<pkg>/dist/...`) breaks the day the package
 * reorganises its files or adds an `exports` map.
 */
const DOCUMENTED_ENTRY_POINTS: Readonly<Record<string, string>> = {
  // https://ajv.js.org/json-schema.html#draft-2020-12: "import Ajv2020 from 'ajv/dist/2020'"
  'ajv/dist/2020.js': 'Ajv for JSON Schema draft 2020-12',
  // https://ajv.js.org/standalone.html: "const standaloneCode = require('ajv/dist/standalone').default"
  'ajv/dist/standalone/index.js': "Ajv's standalone code generator",
};

/** Every module specifier a file imports, requires or re-exports (static and dynamic). */
function specifiers(source: string): string[] {
  const forms = /\b(?:from|import|require)\s*\(?\s*(['"])([^'"\n]+)\1/g;
  return [...source.matchAll(forms)].map((m) => m[2]!);
}

/** `<pkg>/<subpath>` of a bare specifier, or undefined for relative paths, builtins and package roots. */
function deepImport(spec: string): { pkg: string; subpath: string } | undefined {
  // A specifier built from a template (`${PKG.name}/vitest` in the package test) names the package itself.
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec.startsWith('${') || isBuiltin(spec)) return undefined;
  const parts = spec.split('/');
  const nameParts = spec.startsWith('@') ? 2 : 1;
  if (parts.length <= nameParts) return undefined;
  return { pkg: parts.slice(0, nameParts).join('/'), subpath: `./${parts.slice(nameParts).join('/')}` };
}

const OWN = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { name: string };

function declaredByExports(pkg: string, subpath: string): boolean {
  // The package's own subpaths (the examples import models-conformance/vitest) are declared in its own manifest.
  const manifest = pkg === OWN.name ? path.join(packageRoot(), 'package.json') : path.join(packageRoot(), 'node_modules', pkg, 'package.json');
  if (!existsSync(manifest)) return false;
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown }).exports;
  return typeof exportsMap === 'object' && exportsMap !== null && Object.hasOwn(exportsMap, subpath);
}

describe('public interfaces only', () => {
  it('imports no dependency file that is not a documented entry point', () => {
    const self = path.join(packageRoot(), 'test', 'hygiene.test.ts');
    const found = CODE_DIRS.flatMap((d) => codeFiles(path.join(packageRoot(), d)))
      .filter((f) => f !== self)
      .flatMap((f) => specifiers(readFileSync(f, 'utf8')).map((spec) => ({ file: path.relative(packageRoot(), f), spec, deep: deepImport(spec) })))
      .filter(({ spec, deep }) => deep !== undefined && !(spec in DOCUMENTED_ENTRY_POINTS) && !declaredByExports(deep.pkg, deep.subpath))
      .map(({ file, spec }) => `${file}: ${spec}`);
    expect(found).toEqual([]);
  });

  it('the rule catches what it is for', () => {
    const found = (source: string) => specifiers(source).filter((s) => deepImport(s) && !(s in DOCUMENTED_ENTRY_POINTS) && !declaredByExports(deepImport(s)!.pkg, deepImport(s)!.subpath));
    expect(found("import Agent from 'undici/lib/dispatcher/agent.js';")).toEqual(['undici/lib/dispatcher/agent.js']);
    expect(found('const f = require("ajv-formats/dist/formats");')).toEqual(['ajv-formats/dist/formats']);
    expect(found("import { Agent } from 'undici'; import { x } from 'node:fs/promises'; import y from './z/w.js'; import t from 'fs/promises';")).toEqual([]);
    expect(found("import { startVitest } from 'vitest/node'; import Ajv2020 from 'ajv/dist/2020.js';")).toEqual([]);
  });

  it('sets no V8 flags at run time, compiles no code through a cache of its own, names no undici internals', () => {
    // node:v8's flag setter and vm.Script's cached data: Node's module.enableCompileCache() is the documented way.
    const banned = /setFlagsFromString|cachedData|undici\/lib\//;
    const found = ['src', 'scripts'].flatMap((d) => codeFiles(path.join(packageRoot(), d)))
      .filter((f) => banned.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(packageRoot(), f));
    expect(found).toEqual([]);
  });
});
