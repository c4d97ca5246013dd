/**
 * Files and functions small enough to read (issue 15): no source file over 300 lines and no
 * function over 60, unless ALLOWED below says why. Every tracked (or new, not ignored) .ts, .mts,
 * .cts and .mjs file is parsed with the TypeScript compiler; a function's length is the span of
 * its lines, nested functions included. Test `describe`/`it` callbacks (and hooks) are exempt:
 * a block of tests grows with the tests, each of which is measured on its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

const GENERATED = new Set(['src/contract/types.generated.ts']); // npm run gen:types writes it; a test guards drift
/**
 * What may be longer, and why: a file by its path, a function as `path:name`. An entry that no
 * longer matches anything long fails the test too, so the list only shrinks.
 */
const ALLOWED: Readonly<Record<string, string>> = {
};

const TEST_CALLBACKS = new Set(['describe', 'it', 'test', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach']);

interface TooLong { where: string; lines: number }

/** The name a reader would look a function up by, or undefined for a test callback. */
function functionName(fn: ts.SignatureDeclaration, sf: ts.SourceFile): string | undefined {
  if (fn.name) return fn.name.getText(sf);
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(sf);
  if (ts.isCallExpression(parent)) {
    // `describe(...)`, `it.each(...)(...)`, `test.skip(...)`: the root identifier of the callee.
    let callee: ts.Expression = parent.expression;
    while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
    const root = ts.isIdentifier(callee) ? callee.text : undefined;
    if (root && TEST_CALLBACKS.has(root)) return undefined;
    return `callback of ${parent.expression.getText(sf).slice(0, 40)}`;
  }
  return 'anonymous function';
}

/** The lines of one source text over the limits: the file itself, then each function. */
function tooLong(file: string, text: string): TooLong[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const found: TooLong[] = [];
  const fileLines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (fileLines > MAX_FILE_LINES) found.push({ where: file, lines: fileLines });
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = lineOf(node.end) - lineOf(node.getStart(sf)) + 1;
      const name = functionName(node, sf);
      if (name !== undefined && lines > MAX_FUNCTION_LINES) found.push({ where: `${file}:${name}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The repository's sources: tracked, plus new files git does not ignore. */
function sources(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: packageRoot(), encoding: 'utf8' });
  return [...new Set(listed.split('\0'))]
    .filter((f) => /\.(ts|mts|cts|mjs)$/.test(f) && !GENERATED.has(f) && existsSync(path.join(packageRoot(), f)))
    .sort();
}

describe('sizes', () => {
  const all = sources().flatMap((f) => tooLong(f, readFileSync(path.join(packageRoot(), f), 'utf8')));

  it(`no source file over ${MAX_FILE_LINES} lines and no function over ${MAX_FUNCTION_LINES}, except the ones ALLOWED says why`, () => {
    expect(all.filter((t) => !(t.where in ALLOWED)).map((t) => `${t.where} (${t.lines} lines)`)).toEqual([]);
  });

  it('every ALLOWED entry still names something long (fixed ones leave the list)', () => {
    expect(Object.keys(ALLOWED).filter((where) => !all.some((t) => t.where === where))).toEqual([]);
  });

  it('catches a long file and a long function, and exempts test callbacks', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sizes-'));
    try {
      const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
      const file = path.join(dir, 'long.ts');
      writeFileSync(file, [
        `export function long() {\n${body(61)}\n}`,
        `class K { method() {\n${body(30)}\n} }`,
        `const arrow = () => {\n${body(70)}\n};`,
        `describe('block', () => {\n${body(80)}\n});`,
        `server.on('request', (req) => {\n${body(65)}\n});`,
        `${body(90)}\n`,
      ].join('\n'));
      const found = tooLong('long.ts', readFileSync(file, 'utf8'));
      expect(found.map((t) => t.where)).toEqual(['long.ts', 'long.ts:long', 'long.ts:arrow', "long.ts:callback of server.on"]);
      expect(found[1]!.lines).toBe(63);
      expect(tooLong('short.mjs', `export const f = () => {\n${body(58)}\n};\n`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
