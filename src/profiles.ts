/** The profiles `run --profile` knows: their catalogue, probe request and embedded reference server. */
import type { CheckDefinition, Level, Prerequisite, Reference, RequestSpec } from './core/types.js';
import { nanogptChecks, nanogptProbe } from '../suites/nanogpt/index.js';
import { codexLbChecks, codexLbProbe } from '../suites/codex-lb/index.js';
import { openaiChecks, openaiProbe } from '../suites/openai/index.js';
import { RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from './core/engine.js';

export interface ReferenceHandle {
  url: string;
  apiKey: string;
  /** Settings the CLI uses in place of the environment for this server (e.g. its restricted key). */
  extraEnv?: Record<string, string>;
  close(): Promise<void>;
}

export interface Profile {
  name: string;
  title: string;
  checks: readonly CheckDefinition[];
  /** A request every run makes; a connection failure on it means the target is unreachable. */
  probe: RequestSpec;
  /** Path prefixes the documented paths start with: a base URL that ends in one is trimmed (src/run.ts). */
  basePrefixes: readonly string[];
  /** Non-secret environment settings the checks read through ctx.setting(). */
  settings?: readonly string[];
  /** Starts the embedded reference server for this profile on 127.0.0.1. Loaded lazily. */
  startReference(opts: { port?: number }): Promise<ReferenceHandle>;
}

export const PROFILES: Record<string, Profile> = {
  nanogpt: {
    name: 'nanogpt',
    title: 'NanoGPT models API (/api/v1/models and its variants, image models, explore)',
    checks: nanogptChecks,
    probe: nanogptProbe,
    basePrefixes: ['/api/v1/models', '/api/v1'],
    async startReference(opts) {
      const { startReferenceServer } = await import('./reference/server.js');
      return startReferenceServer({ port: opts.port ?? 0 });
    },
  },
  'codex-lb': {
    name: 'codex-lb',
    title: 'codex-lb GET /v1/models (metadata, per-key allowed_models filtering, OpenAI-compatible errors)',
    checks: codexLbChecks,
    probe: codexLbProbe,
    basePrefixes: ['/v1/models', '/v1'],
    settings: [RESTRICTED_MODELS_ENV],
    async startReference(opts) {
      const ref = await import('./reference/codex-lb-server.js');
      const server = await ref.startCodexLbReferenceServer({ port: opts.port ?? 0 });
      // The reference has a restricted key too, so `run --reference` exercises the filtering checks.
      const extraEnv = { [RESTRICTED_KEY_ENV]: ref.CODEX_LB_RESTRICTED_KEY, [RESTRICTED_MODELS_ENV]: ref.CODEX_LB_RESTRICTED_SEES.join(',') };
      return { url: server.url, apiKey: server.apiKey, extraEnv, close: () => server.close() };
    },
  },
  openai: {
    name: 'openai',
    title: 'OpenAI GET /v1/models per the published OpenAPI spec (list, model fields, 401 envelope when keys are used)',
    checks: openaiChecks,
    probe: openaiProbe,
    basePrefixes: ['/v1/models', '/v1'],
    async startReference(opts) {
      const { startOpenAiReferenceServer } = await import('./reference/openai-server.js');
      const server = await startOpenAiReferenceServer({ port: opts.port ?? 0 });
      return { url: server.url, apiKey: server.apiKey, close: () => server.close() };
    },
  },
};

export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** One check as the catalogue lists it (`conformance list --json`): everything but its implementation. */
export interface CatalogueEntry {
  id: string;
  title: string;
  level: Level;
  area: string;
  reference: Reference;
  requires: Prerequisite[];
  /** Why the statement cannot be decided from outside the server; such a check is reported `skip`. */
  untestable?: string;
}

export function catalogue(profile: Profile): CatalogueEntry[] {
  return profile.checks.map(({ id, title, level, area, reference, requires, untestable }) => ({
    id, title, level, area, reference, requires: [...(requires ?? [])], ...(untestable ? { untestable } : {}),
  }));
}
