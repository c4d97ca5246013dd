/**
 * The YAML emitter of `schema export --format yaml`: what it writes must parse back, with an
 * independent parser (js-yaml, inside swagger-parser), to the same JSON value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { toYaml } from '../src/contract/yaml.js';
import type { Json } from '../src/contract/bundle.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'conformance-yaml-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Parses YAML text with swagger-parser (which needs an OpenAPI-looking root). */
async function parseYaml(value: Json): Promise<unknown> {
  const file = path.join(tmp, `doc-${Math.random().toString(36).slice(2)}.yaml`);
  const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, 'x-value': value };
  writeFileSync(file, toYaml(doc));
  const parsed = (await SwaggerParser.parse(file)) as unknown as { 'x-value': unknown };
  return parsed['x-value'];
}

// Strings a careless emitter turns into other types, other strings, or invalid YAML.
const TRICKY_STRINGS = [
  '', ' ', ' lead', 'trail ', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', 'null', 'NULL', '~',
  '123', '-1', '0x1F', '0o17', '1e3', '1_000', '.5', '.inf', '-.INF', '.nan', '1:20', '2026-05-07',
  '2026-05-07T12:00:00.000Z', '- item', '? key', ': value', 'a: b', 'a #b', '#comment', '@at', '`tick',
  '!tag', '&anchor', '*alias', '|', '>', '%', "'single'", '"double"', '{a: 1}', '[1, 2]', 'a,b',
  'multi\nline', 'tab\tinside', 'cr\rlf', 'back\\slash', '\u0000nul', '\u0007bell', '\u007fdel',
  '\u0085nel', '\u00a0nbsp', '\u2028ls', '\u2029ps', '\ufeffbom', '\uffff', 'emoji 😀', 'ünïcödé',
  '$', '$$$', '$ref', '/api/v1/models', 'text->image', '1024*1024', 'per_million_tokens', '<<',
];

describe('toYaml', () => {
  it('round-trips strings that YAML would otherwise read as something else', async () => {
    const asValues = await parseYaml(TRICKY_STRINGS);
    expect(asValues).toEqual(TRICKY_STRINGS);
    const asKeys = Object.fromEntries(TRICKY_STRINGS.map((s, i) => [s, i]));
    expect(await parseYaml(asKeys)).toEqual(asKeys);
  });

  it('round-trips numbers, booleans, null, and nested and empty containers', async () => {
    const value: Json = {
      numbers: [0, -0.5, 1.5e-7, 1e21, 123456789012, -42, 0.00015, 2.5],
      flags: [true, false, null],
      empty: { list: [], map: {} },
      nested: [[1, [2, []]], [{ a: [{}] }], { b: { c: { d: 'e' } } }],
      '200': { description: 'status codes are string keys' },
    };
    expect(await parseYaml(value)).toEqual(value);
  });

  it('keeps plain only safe identifier words and quotes the rest', () => {
    expect(toYaml({ type: 'string', on: 'yes', n: '1', x: 'a b' })).toBe('type: string\n"on": "yes"\n"n": "1"\nx: "a b"\n');
    expect(toYaml([])).toBe('[]\n');
    expect(toYaml([[1, 2], { a: 1, b: [] }])).toBe('- - 1\n  - 2\n- a: 1\n  b: []\n');
    expect(toYaml('\u2028')).toBe('"\\u2028"\n');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => toYaml(Number.NaN)).toThrow(/not a JSON number/);
  });
});
