/**
 * Which schema each documented or captured example must satisfy: the real fixtures under
 * test/fixtures/real/ and the JSON blocks of the documents in docs/sources/. Used by test/contract.test.ts
 * (against schemas/) and test/schema-export.test.ts (against the exported copies and bundles).
 * Examples that do not validate are listed with the ruling in docs/rulings.md that explains why.
 */
import { readFileSync } from 'node:fs';
import { locate } from './paths.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export { SOURCES_DIR as SEEDS_DIR } from './paths.js';

/** Reads a fixture (or the OpenAI spec excerpt among the source documents). */
export function fixture(name: string): Json {
  return JSON.parse(readFileSync(locate(name), 'utf8')) as Json;
}

function obj(v: Json | undefined): JsonObject {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  return v;
}

/** The value at `keys` below `v`; throws when a step is missing. */
function at(v: Json, ...keys: string[]): Json {
  return keys.reduce<Json>((cur, k) => {
    const next = Array.isArray(cur) ? cur[Number(k)] : obj(cur)[k];
    if (next === undefined) throw new Error(`no "${k}" in the example`);
    return next;
  }, v);
}

/** An example embedded as a JSON string (OpenAI's x-oaiMeta examples). */
function parsed(v: Json): Json {
  if (typeof v !== 'string') throw new Error('not a string');
  return JSON.parse(v) as Json;
}

/** [fixture file, schema ref (relative to schemas/, optional #pointer), selector of the part to validate] */
export type FixtureCase = [string, string, (j: Json) => Json];

const whole = (j: Json): Json => j;
const OPENAI = 'openai-openapi__models-and-error__excerpt.json';

export const FIXTURE_CASES: FixtureCase[] = [
  ['nanogpt-docs__models__basic-response__example.json', 'nanogpt/models-list.schema.json', whole],
  ['nanogpt-docs__models__basic-response__example.json', 'nanogpt/models-list-detailed.schema.json', whole],
  ['nanogpt-docs__models__detailed-response__example.json', 'nanogpt/models-list-detailed.schema.json', whole],
  ['nanogpt-docs__models__detailed-response__example.json', 'nanogpt/models-list.schema.json', whole],
  ['nanogpt-docs__models__minimal-item__example.json', 'nanogpt/model-basic.schema.json', whole],
  ['nanogpt-docs__models__minimal-item__example.json', 'nanogpt/model-detailed.schema.json', whole],
  ['nanogpt-docs__personalized-models__detailed-item__example.json', 'nanogpt/model-detailed.schema.json', whole],
  ['nanogpt-docs-pre-2026-01-22__models__basic-response__example.json', 'nanogpt/models-list.schema.json', whole],
  // Pre-2026-01-22: per-1K magnitudes labelled per_million_tokens; the schema cannot see magnitudes.
  ['nanogpt-docs-pre-2026-01-22__models__detailed-response__example.json', 'nanogpt/models-list-detailed.schema.json', whole],
  ['nanogpt-docs__models__video-capable-item__snippet.json', 'nanogpt/model-detailed.schema.json#/properties/capabilities', (j) => at(j, 'capabilities')],
  ['nanogpt-docs__models__video-capable-item__snippet.json', 'nanogpt/model-detailed.schema.json#/properties/architecture', (j) => at(j, 'architecture')],
  ['nanogpt-docs__models__distillationPolicy__snippet.json', 'nanogpt/distillation-policy.schema.json', (j) => at(j, 'distillationPolicy')],
  ['nanogpt-docs__models__distillationPolicy__snippet.json', 'nanogpt/model-detailed.schema.json#/properties/distillationPolicy', (j) => at(j, 'distillationPolicy')],
  ['nanogpt-docs__distillation-policy__provider-row__example.json', 'nanogpt/distillation-policy.schema.json', (j) => at(j, 'distillationPolicy')],
  ['nanogpt-docs__model-providers__response__example.json', 'nanogpt/distillation-policy.schema.json', (j) => at(j, 'providers', '1', 'distillationPolicy')],
  ['nanogpt-docs__explore-text-models__meta-all__snippet.json', 'nanogpt/explore-text-models.schema.json#/properties/meta', (j) => at(j, 'meta')],
  ['nanogpt-docs__explore-text-models__meta-allowed__snippet.json', 'nanogpt/explore-text-models.schema.json#/properties/meta', (j) => at(j, 'meta')],
  ['nanogpt-docs__image-models__response__example.json', 'nanogpt/image-models-list.schema.json', whole],
  ['nanogpt-docs__image-models__response__example.json', 'nanogpt/image-models-list-basic.schema.json', whole],
  ['nanogpt-docs-2026-05-07__image-models__response__example.json', 'nanogpt/image-models-list.schema.json', whole],
  ['nanogpt-docs-2026-05-07__image-models__response__example.json', 'nanogpt/image-models-list-basic.schema.json', whole],
  ['nanogpt-docs__models__429-error-body__example.json', 'nanogpt/error-rate-limited.schema.json', whole],
  ['nanogpt-docs__models__429-error-body__example.json', 'nanogpt/error-unauthorized.schema.json', whole],
  ['nanogpt-docs__error-handling__openai-envelope__example.json', 'common/openai-error.schema.json', whole],
  ['nanogpt-docs__error-handling__openai-envelope__example.json', 'nanogpt/error-rate-limited.schema.json', whole],
  ['nanogpt-docs__error-handling__openai-envelope__example.json', 'nanogpt/error-unauthorized.schema.json', whole],
  ['nanogpt-docs__error-handling__legacy-envelope__example.json', 'nanogpt/error-unauthorized.schema.json', whole],
  ['nanogpt-docs__provider-selection__400-error-body__example.json', 'common/openai-error.schema.json', whole],
  // Real captures of an OpenAI-compatible server (llama-server): 401/404 with an integer code and no param.
  ['llama-server/apikey__get-props__no-key.body.json', 'common/openai-error.schema.json', whole],
  ['llama-server/apikey__get-props__no-key.body.json', 'nanogpt/error-unauthorized.schema.json', whole],
  ['llama-server/nokey__get-v1-models-by-id.body.json', 'common/openai-error.schema.json', whole],
  // Its model lists: the OpenAI list shape, plus an Ollama-style "models" array and per-model extras.
  ['llama-server/nokey__get-v1-models.body.json', 'openai/models-list.schema.json', whole],
  ['llama-server/nokey__get-v1-models.body.json', 'nanogpt/models-list.schema.json', whole],
  ['llama-server/apikey__get-v1-models__no-key.body.json', 'openai/models-list.schema.json', whole],
  ['llama-server/alias__get-v1-models.body.json', 'openai/models-list.schema.json', whole],
  // OpenAI's own examples, embedded as strings in the spec.
  [OPENAI, 'openai/model.schema.json', (j) => parsed(at(j, 'components', 'schemas', 'Model', 'x-oaiMeta', 'example'))],
  [OPENAI, 'openai/model.schema.json', (j) => parsed(at(j, 'paths', '/models/{model}', 'get', 'x-oaiMeta', 'examples', 'response'))],
];

/**
 * Real examples that do not validate as they stand, each with its ruling
 * (docs/rulings.md, "Examples that do not validate"). `repair` is the documented correction,
 * when the example (not the schema) is at fault; the repaired value must then validate.
 */
export interface RejectedExample {
  what: string;
  ref: string;
  value: () => Json | string;
  /** The keyword the validator must report, or 'json' when the example is not JSON at all. */
  reason: string;
  repair?: (raw: string) => Json;
}

export const REJECTED_FIXTURES: RejectedExample[] = [
  {
    what: 'OpenAI GET /models response example (x-oaiMeta): trailing comma',
    ref: 'openai/models-list.schema.json',
    value: () => at(fixture(OPENAI), 'paths', '/models', 'get', 'x-oaiMeta', 'examples', 'response'),
    reason: 'json',
    repair: (raw) => JSON.parse(raw.replace(/,(\s*\])/, '$1')) as Json,
  },
  {
    what: 'llama-server 401 body against the strict OpenAI error (no param, integer code)',
    ref: 'openai/error.schema.json',
    value: () => fixture('llama-server/apikey__get-props__no-key.body.json'),
    reason: 'required',
  },
];

// ---------------------------------------------------------------------------------------------
// Seeds: the JSON blocks of the documentation pages.

export interface SeedBlock {
  /** 1-based line of the block's first line. */
  line: number;
  text: string;
}

/**
 * The JSON-looking blocks of a seed page: they start with "{" or "[" at column 0 and end where the
 * brackets balance (brackets inside strings do not count). Whether a block parses is for the caller.
 */
export function seedJsonBlocks(text: string): SeedBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: SeedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^[[{]/.test(lines[i]!)) continue;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let j = i;
    for (; j < lines.length; j++) {
      for (const c of lines[j]!) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
      }
      if (depth <= 0) break;
    }
    blocks.push({ line: i + 1, text: lines.slice(i, j + 1).join('\n') });
    i = j;
  }
  return blocks;
}

export type SeedExpectation =
  /** A response example: it parses and validates against every [ref, selector]. */
  | { line: number; validates: Array<[string, ((j: Json) => Json)?]> }
  /** A shape sketch with placeholders, not JSON: it must fail to parse. */
  | { line: number; sketch: string }
  /** JSON, but not a body of any endpoint in the contract. */
  | { line: number; outOfScope: string };

const DETAILED_LIST = 'nanogpt/models-list-detailed.schema.json';
const BASIC_LIST = 'nanogpt/models-list.schema.json';

/** Every JSON block of every seed page, by file and line. A seed page not listed here must have none. */
export const SEED_EXAMPLES: Record<string, SeedExpectation[]> = {
  'nanogpt-models-api.txt': [
    // The API playground's response sample: detailed fields, incl. distillationPolicy.
    { line: 11, validates: [[DETAILED_LIST], [BASIC_LIST]] },
    { line: 59, sketch: '`{ /* model */ }, ...`: the envelope drawn with a placeholder (rulings: seed JSON blocks)' },
    { line: 64, validates: [['nanogpt/model-basic.schema.json']] },
    { line: 142, validates: [[BASIC_LIST], [DETAILED_LIST]] },
    { line: 163, validates: [[DETAILED_LIST]] },
    { line: 251, validates: [['nanogpt/distillation-policy.schema.json', (j) => at(j, 'distillationPolicy')]] },
    { line: 344, validates: [['nanogpt/error-rate-limited.schema.json']] },
  ],
  'nanogpt-models-api-earlier-revision.txt': [
    { line: 9, validates: [[DETAILED_LIST]] },
    { line: 58, validates: [[BASIC_LIST]] },
    { line: 80, validates: [[DETAILED_LIST]] },
    // The page text is repeated from here on (the capture holds it twice).
    { line: 203, validates: [[DETAILED_LIST]] },
    { line: 252, validates: [[BASIC_LIST]] },
    { line: 274, validates: [[DETAILED_LIST]] },
  ],
  'nanogpt-image-models-api.txt': [
    { line: 30, validates: [['nanogpt/image-models-list.schema.json'], ['nanogpt/image-models-list-basic.schema.json']] },
  ],
  'nanogpt-personalized-models-api.txt': [
    { line: 21, sketch: '`{ /* model */ }, ...`: the envelope drawn with a placeholder (rulings: seed JSON blocks)' },
    { line: 26, validates: [['nanogpt/model-basic.schema.json']] },
    { line: 56, validates: [['nanogpt/model-detailed.schema.json']] },
    { line: 86, outOfScope: 'request payload of POST /api/user/model-visibility, a web-session endpoint outside the contract' },
  ],
};
