/**
 * The real material replayed: the vendor's documented responses and the llama-server wire
 * captures in test/fixtures/real/ served at the endpoints they document, through the checks
 * each one can decide. The expected verdicts, and why each is right, are in docs/replay-verdicts.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgainst } from './helpers.js';
import { capturedHeaders, firstJsonBlock, readReal, REPLAY_KEY, SEEDS_DIR, startReplay, type Route } from './replay-server.js';
import type { Surface } from '../suites/surfaces.js';
import { IMAGE_ALL, TEXT_ALL, TEXT_BASIC, TEXT_DETAILED, TEXT_ENDPOINTS } from '../suites/nanogpt/surfaces.js';
import { serve } from './servers.js';

const MODELS = '/api/v1/models';
const PERSONALIZED = '/api/personalized/v1/models';
const LIST = ['NG-LIST-01', 'NG-LIST-02', 'NG-LIST-03', 'NG-LIST-04', 'NG-LIST-05', 'NG-LIST-06', 'NG-LIST-07'];
const DET = ['NG-DET-01', 'NG-DET-02', 'NG-DET-03', 'NG-DET-04', 'NG-DET-05', 'NG-DET-06', 'NG-DET-07', 'NG-DET-08', 'NG-DET-09', 'NG-DET-10', 'NG-DET-11'];
const IMG = ['NG-IMG-01', 'NG-IMG-02', 'NG-IMG-03', 'NG-IMG-04', 'NG-IMG-05'];
const PERS_401 = ['NG-PERS-01', 'NG-PERS-02', 'NG-PERS-03', 'NG-PERS-04'];

const basic = (body: string, headers?: Record<string, string>): Route => ({ path: MODELS, body, ...(headers ? { headers } : {}) });
/**
 * A documented answer replayed on every surface of its family: the documents state one shape for
 * all of them (e.g. the basic example for every text list and credential), and a rule now judges
 * each surface it governs.
 */
function everywhere(surfaces: readonly Surface[], body: string, headers?: Record<string, string>): Route[] {
  const seen = new Set<string>();
  return surfaces.flatMap((s) => s.requests).filter((r) => {
    const key = JSON.stringify([r.path, r.query ?? {}]);
    return !seen.has(key) && Boolean(seen.add(key));
  }).map((r) => ({ path: r.path, ...(r.query && Object.keys(r.query).length ? { query: r.query } : {}), body, ...(headers ? { headers } : {}) }));
}
const wrap = (item: string) => `{"object":"list","data":[${item}]}`;
const all = (ids: string[], status: string) => Object.fromEntries(ids.map((id) => [id, status]));

const HEAD_BASIC = readReal('nanogpt-docs__models__basic-response__example.json');
const HEAD_DETAILED = readReal('nanogpt-docs__models__detailed-response__example.json');
const SEED_HEADER_EXAMPLE = firstJsonBlock(readFileSync(path.join(SEEDS_DIR, 'nanogpt-models-api.txt'), 'utf8'));
const PERSONALIZED_ITEM = readReal('nanogpt-docs__personalized-models__detailed-item__example.json');
const LLAMA_LIST = readReal('llama-server/nokey__get-v1-models.body.json');
const LLAMA_LIST_HEADERS = capturedHeaders('llama-server/nokey__get-v1-models.headers.txt').headers;
const LLAMA_DETAILED = readReal('llama-server/nokey__get-v1-models-detailed-true.body.json');
const LLAMA_OPTIONS = capturedHeaders('llama-server/apikey__options-v1-models__cors.headers.txt');

/** The four basic fields of an item (the personalized page gives no basic answer, only "Each model contains at least" them). */
function basicOf(item: string): string {
  const { id, object, created, owned_by } = JSON.parse(item) as Record<string, unknown>;
  return JSON.stringify({ id, object, created, owned_by });
}

const personalized401 = (body: string, headers?: Record<string, string>): Route[] => [
  { path: PERSONALIZED, auth: 'not-valid', status: 401, body, ...(headers ? { headers } : {}) },
];
const rateLimitedOnce = (body: string): Route[] => [
  { path: MODELS, status: 429, headers: { 'content-type': 'application/json', 'retry-after': '0' }, body, times: 1 },
  basic(HEAD_BASIC),
];

interface Case {
  name: string;
  routes: Route[];
  expected: Record<string, string>;
  key?: boolean;
}

const CASES: Case[] = [
  { name: 'models basic example (HEAD)', routes: everywhere(TEXT_ALL, HEAD_BASIC), expected: all(LIST, 'pass') },
  {
    name: 'models detailed example (HEAD) with the basic one',
    routes: [...everywhere(TEXT_BASIC, HEAD_BASIC), ...everywhere(TEXT_DETAILED, HEAD_DETAILED)],
    expected: { ...all(DET, 'pass'), 'NG-DET-08': 'skip' },
  },
  { name: 'models basic example (pre-2026-01-22)', routes: everywhere(TEXT_ALL, readReal('nanogpt-docs-pre-2026-01-22__models__basic-response__example.json')), expected: all(LIST, 'pass') },
  {
    name: 'models detailed example (pre-2026-01-22, per-1K magnitudes) with the basic one',
    routes: [...everywhere(TEXT_BASIC, readReal('nanogpt-docs-pre-2026-01-22__models__basic-response__example.json')), ...everywhere(TEXT_DETAILED, readReal('nanogpt-docs-pre-2026-01-22__models__detailed-response__example.json'))],
    expected: { ...all(DET, 'pass'), 'NG-DET-08': 'skip' },
  },
  { name: 'minimal item (in the documented list envelope)', routes: everywhere(TEXT_ALL, wrap(readReal('nanogpt-docs__models__minimal-item__example.json'))), expected: all(LIST, 'pass') },
  {
    name: 'seed page header example (created: 123) as the answer to both the default and detailed=true requests',
    routes: everywhere(TEXT_ALL, SEED_HEADER_EXAMPLE),
    expected: { ...all(LIST, 'pass'), 'NG-LIST-07': 'fail', ...all(DET, 'pass'), 'NG-DET-04': 'skip', 'NG-DET-07': 'skip' },
  },
  {
    name: 'personalized detailed item (in the list envelope; basic answer = its four basic fields)',
    routes: [
      basic(HEAD_BASIC),
      { path: PERSONALIZED, auth: 'valid', body: wrap(basicOf(PERSONALIZED_ITEM)) },
      { path: PERSONALIZED, auth: 'valid', query: { detailed: 'true' }, body: wrap(PERSONALIZED_ITEM) },
    ],
    key: true,
    expected: { 'NG-PERS-06': 'pass' },
  },
  { name: 'image models example (HEAD, count 169 beside one item)', routes: [basic(HEAD_BASIC), ...everywhere(IMAGE_ALL, readReal('nanogpt-docs__image-models__response__example.json'))], expected: { ...all(IMG, 'pass'), 'NG-IMG-05': 'fail' } },
  { name: 'image models example (2026-05-07, the seed\'s)', routes: [basic(HEAD_BASIC), ...everywhere(IMAGE_ALL, readReal('nanogpt-docs-2026-05-07__image-models__response__example.json'))], expected: all(IMG, 'pass') },
  { name: '429 body of the models page', routes: rateLimitedOnce(readReal('nanogpt-docs__models__429-error-body__example.json')), expected: { 'NG-RATE-01': 'pass' } },
  { name: '429 in the OpenAI envelope of the error-handling page', routes: rateLimitedOnce(readReal('nanogpt-docs__error-handling__openai-envelope__example.json')), expected: { 'NG-RATE-01': 'pass' } },
  { name: 'personalized 401 in the OpenAI envelope (error-handling page)', routes: [basic(HEAD_BASIC), ...personalized401(readReal('nanogpt-docs__error-handling__openai-envelope__example.json'))], expected: all(PERS_401, 'pass') },
  { name: 'personalized 401 in the legacy envelope (error-handling page)', routes: [basic(HEAD_BASIC), ...personalized401(readReal('nanogpt-docs__error-handling__legacy-envelope__example.json'))], expected: all(PERS_401, 'pass') },
  { name: 'personalized 401 with the provider-selection 400 body', routes: [basic(HEAD_BASIC), ...personalized401(readReal('nanogpt-docs__provider-selection__400-error-body__example.json'))], expected: all(PERS_401, 'pass') },
  {
    name: 'personalized 401 with the llama-server 401 capture (integer code, no param)',
    routes: [basic(HEAD_BASIC), ...personalized401(readReal('llama-server/apikey__get-props__no-key.body.json'), capturedHeaders('llama-server/apikey__get-props__no-key.headers.txt').headers)],
    expected: all(PERS_401, 'pass'),
  },
  { name: 'llama-server GET /v1/models capture', routes: everywhere(TEXT_ALL, LLAMA_LIST, LLAMA_LIST_HEADERS), expected: all(LIST, 'pass') },
  {
    name: 'llama-server GET /v1/models?detailed=true capture (byte-identical to the plain one)',
    routes: [...everywhere(TEXT_BASIC, LLAMA_LIST, LLAMA_LIST_HEADERS), ...everywhere(TEXT_DETAILED, LLAMA_DETAILED, LLAMA_LIST_HEADERS)],
    expected: {
      ...all(DET, 'skip'),
      'NG-DET-01': 'pass', 'NG-DET-02': 'fail', 'NG-DET-09': 'fail', 'NG-DET-10': 'pass', 'NG-DET-11': 'pass',
    },
  },
  {
    name: 'llama-server OPTIONS /v1/models preflight capture (Allow-Headers: *)',
    routes: [basic(LLAMA_LIST, LLAMA_LIST_HEADERS), ...TEXT_ENDPOINTS.map((path): Route => ({ method: 'OPTIONS', path, status: LLAMA_OPTIONS.status, headers: LLAMA_OPTIONS.headers, body: '', echoOrigin: true }))],
    expected: { 'NG-CORS-02': 'fail' },
  },
];

describe('real material replayed through the checks it can decide', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const server = await serve(startReplay(c.routes));
    const only = Object.keys(c.expected);
    const result = await runAgainst(server.url, { only, apiKey: c.key ? REPLAY_KEY : undefined });
    const verdicts = Object.fromEntries(result.results.map((r) => [r.id, r.status]));
    const messages = result.results.map((r) => `${r.id} ${r.status}: ${r.message}`).join('\n');
    expect(verdicts, messages).toEqual(c.expected);
    // Every answer the checks judged was replayed material, not the replay server's 404.
    expect(server.unmatched).toEqual([]);
  });
});
