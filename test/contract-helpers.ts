/** What the contract tests share: reading the fixtures and the OpenAPI document, and asserting on validate(). */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'vitest';
import { locate } from './paths.js';
import { packageRoot, schemaPathForId, validate, type SchemaIssue } from '../src/contract/schemas.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const OPENAPI_FILE = path.join(packageRoot(), 'openapi', 'nanogpt.openapi.json');

export function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** Reads a vendor fixture (or the OpenAI spec excerpt among the source documents). */
export function fixture(name: string): Json {
  return readJson(locate(name));
}

export function obj(v: Json | undefined): JsonObject {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  return v;
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Every object in `v` (including the root) gets an extra unknown field. */
export function withUnknownFieldsEverywhere(v: Json): Json {
  if (Array.isArray(v)) return v.map(withUnknownFieldsEverywhere);
  if (v === null || typeof v !== 'object') return v;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) out[k] = withUnknownFieldsEverywhere(val);
  out['x_conformance_unknown'] = { nested: [1, 'two', null], flag: true };
  return out;
}

export function expectValid(ref: string, value: unknown): void {
  const issues = validate(ref, value);
  expect(issues, `${ref}: ${JSON.stringify(issues, null, 2)}`).toEqual([]);
}

export function expectIssue(ref: string, value: unknown, match: Partial<SchemaIssue>): SchemaIssue[] {
  const issues = validate(ref, value);
  expect(issues.length, `${ref} should reject ${JSON.stringify(value)}`).toBeGreaterThan(0);
  expect(issues).toEqual(expect.arrayContaining([expect.objectContaining(match)]));
  return issues;
}

export function walk(node: unknown, visit: (o: Record<string, unknown>, at: string) => void, at = ''): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, visit, `${at}/${i}`));
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>, at);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return doc;
  let cur: unknown = doc;
  for (const raw of pointer.replace(/^#/, '').replace(/^\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** swagger-parser options: no network; $id URLs (if the resolver ever uses them) map to the local files. */
export const parserOptions = {
  resolve: {
    conformanceIds: {
      order: 1,
      canRead: (file: { url: string }) => schemaPathForId(file.url) !== undefined,
      read: (file: { url: string }) => readFile(schemaPathForId(file.url) as string),
    },
    http: false as const,
  },
} as unknown as SwaggerParser.Options;
