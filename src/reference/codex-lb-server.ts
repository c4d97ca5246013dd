// Embedded reference server for codex-lb's GET /v1/models: node:http, loopback only. It follows
// the seed (codex-lb-list-models-api.txt) and the real server's behaviour (Soju06/codex-lb: one
// created per response, owned_by "codex-lb", nullable metadata defaults, supported_in_api=false
// models hidden, allowed_models filtering, {error: {message, type, code}} envelopes).
// `breaks` switch on deliberately wrong behaviours (CODEX_LB_BREAKS), each changing one rule.

import type http from 'node:http';
import { bearerOf, breakSet, jsonReply, listen, type Reply, type RunningServer } from './openai-server.js';

export const CODEX_LB_API_KEY = 'sk-clb-reference-3d1f0b7a9c52e864';
/** A key whose allowed_models name two listed models and one the registry does not serve. */
export const CODEX_LB_RESTRICTED_KEY = 'sk-clb-restricted-5e7c2a90b14f3d68';
export const CODEX_LB_RESTRICTED_ALLOWED = ['gpt-5.4-mini', 'gpt-5.2', 'gpt-4.1-retired'] as const;
/** What the restricted key sees: its allowed_models that the registry serves. */
export const CODEX_LB_RESTRICTED_SEES = ['gpt-5.4-mini', 'gpt-5.2'] as const;

export const CODEX_LB_BREAKS = {
  'content-type-text': { description: 'the list is served as text/plain (body unchanged)', kills: ['CLB-LIST-01'] },
  'object-not-list': { description: "top-level object is 'models'", kills: ['CLB-LIST-02'] },
  'object-not-model': { description: "items have object 'Model'", kills: ['CLB-LIST-03'] },
  'created-string': { description: 'created is a numeric string', kills: ['CLB-LIST-03'] },
  'owned-by-upstream': { description: "owned_by is 'openai' instead of 'codex-lb'", kills: ['CLB-LIST-04'] },
  'duplicate-id': { description: 'the first model is listed twice', kills: ['CLB-LIST-05'] },
  'created-per-model': { description: 'each model gets its own created (one second apart)', kills: ['CLB-LIST-06'] },
  'created-ms': { description: 'created is sent in milliseconds', kills: ['CLB-LIST-07'] },
  'created-stale': { description: 'created is 30 days old (a list cached for a month)', kills: ['CLB-LIST-07'] },
  'metadata-missing': { description: 'the last model has no metadata', kills: ['CLB-META-01'] },
  'metadata-field-missing': { description: 'metadata lacks prefer_websockets', kills: ['CLB-META-02'] },
  'context-window-string': { description: 'metadata.context_window is a string', kills: ['CLB-META-02'] },
  'reasoning-levels-strings': { description: 'supported_reasoning_levels are bare strings, not {effort, description}', kills: ['CLB-META-02'] },
  'modality-undocumented': { description: "the first model's input_modalities include 'pdf'", kills: ['CLB-META-03'] },
  'no-key-200': { description: 'a request without a key gets the full list', kills: ['CLB-AUTH-01'] },
  'invalid-key-200': { description: 'a wrong key gets the full list', kills: ['CLB-AUTH-02'] },
  'error-detail-body': { description: '401 body is FastAPI\'s default {"detail": "Not authenticated"}', kills: ['CLB-ERR-01'] },
  'error-missing-code': { description: '401 body is {"error": {message, type}} without code', kills: ['CLB-ERR-01'] },
  'rate-limit-429-plain': { description: 'the first request gets 429 (Retry-After: 0) with a text/plain body', kills: ['CLB-ERR-02'] },
  'filter-ignored': { description: 'the restricted key sees the full list (allowed_models never read, as codex-lb with API-key auth off)', kills: ['CLB-FILTER-01', 'CLB-FILTER-02'] },
  'filter-leaks-hidden': { description: 'the restricted key also sees a model hidden from the API (supported_in_api=false)', kills: ['CLB-FILTER-01'] },
  'filter-drops-allowed': { description: 'the restricted key sees only the first of its allowed models', kills: ['CLB-FILTER-02'] },
  // Priority-based ordering (CLB-META-04); ties are legitimate (test/codex-lb.test.ts serves one).
  'priority-ascending': { description: 'the list comes lowest priority first', kills: ['CLB-META-04'] },
  'priority-one-swapped': { description: 'the second and third models (priorities 45 and 40) swap places', kills: ['CLB-META-04'] },
  // The same documented model object for the restricted key (each break touches only its answer).
  'restricted-content-type-text': { description: "the restricted key's list is served as text/plain", kills: ['CLB-LIST-01'] },
  'restricted-object-not-list': { description: "the restricted key's list has top-level object 'models'", kills: ['CLB-LIST-02'] },
  'restricted-object-not-model': { description: "the restricted key's items have object 'Model'", kills: ['CLB-LIST-03'] },
  'restricted-owned-by-upstream': { description: "the restricted key's items have owned_by 'openai'", kills: ['CLB-LIST-04'] },
  'restricted-duplicate-id': { description: "the restricted key's list repeats its first model", kills: ['CLB-LIST-05'] },
  'restricted-created-per-model': { description: "the restricted key's items get one created each", kills: ['CLB-LIST-06'] },
  'restricted-created-ms': { description: "the restricted key's list sends created in milliseconds", kills: ['CLB-LIST-07'] },
  'restricted-metadata-missing': { description: "the restricted key's last model has no metadata", kills: ['CLB-META-01'] },
  'restricted-metadata-field-missing': { description: "the restricted key's metadata lacks prefer_websockets", kills: ['CLB-META-02'] },
  'restricted-modality-undocumented': { description: "the restricted key's first model lists input modality 'pdf'", kills: ['CLB-META-03'] },
  'restricted-priority-ascending': { description: "the restricted key's list comes lowest priority first", kills: ['CLB-META-04'] },
  // "403 Forbidden: API key lacks permission": the restricted key is documented to get its filtered list, not a 403.
  'restricted-403': { description: 'the restricted key gets 403 (OpenAI envelope) instead of its filtered list', kills: ['CLB-FILTER-02'] },
  'restricted-403-bare': { description: 'the restricted key gets 403 with FastAPI\'s {"detail": "Forbidden"}', kills: ['CLB-ERR-01'] },
} as const satisfies Record<string, { description: string; kills: readonly string[] }>;

export type CodexLbBreakName = keyof typeof CODEX_LB_BREAKS;

export interface CodexLbServerOptions {
  /** Default 0 = ephemeral. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  breaks?: readonly CodexLbBreakName[];
  /** Serve an empty registry: {"object": "list", "data": []} (documented as conformant). */
  emptyRegistry?: boolean;
  /** Answer the first N requests with a documented 429 envelope (Retry-After: 0). Default 0. */
  rateLimitFirst?: number;
}

interface Level {
  effort: string;
  description: string;
}

interface RegistryModel {
  slug: string;
  metadata: Record<string, unknown>;
}

const LEVELS: Level[] = [
  { effort: 'low', description: 'Fast responses with lighter reasoning' },
  { effort: 'medium', description: 'Balances speed and reasoning depth for everyday tasks' },
  { effort: 'high', description: 'Greater reasoning depth for complex problems' },
];

function model(slug: string, name: string, m: Partial<Record<string, unknown>>): RegistryModel {
  return {
    slug,
    metadata: {
      display_name: name,
      description: `${name} served through codex-lb`,
      context_window: 272_000,
      input_modalities: ['text', 'image'],
      supported_reasoning_levels: LEVELS,
      default_reasoning_level: 'medium',
      supports_reasoning_summaries: true,
      support_verbosity: true,
      default_verbosity: 'medium',
      prefer_websockets: false,
      supports_parallel_tool_calls: true,
      supported_in_api: true,
      minimal_client_version: '0.98.0',
      priority: 0,
      // Extra fields the real server sends too: allowed, never required.
      input_context_window: 272_000,
      max_output_tokens: null,
      additional_speed_tiers: [],
      ...m,
    },
  };
}

/** Registry order (the real server lists in registry order, not by priority). */
const REGISTRY: RegistryModel[] = [
  model('gpt-5.6-sol', 'GPT-5.6-Sol', { priority: 50, default_reasoning_level: 'low', minimal_client_version: '0.144.0' }),
  model('gpt-5.5', 'GPT-5.5', { priority: 45, minimal_client_version: '0.124.0' }),
  model('gpt-5.4', 'GPT-5.4', { priority: 40, context_window: 1_000_000 }),
  model('gpt-5.4-mini', 'GPT-5.4-Mini', { priority: 30, prefer_websockets: true, supports_parallel_tool_calls: false }),
  model('gpt-5.3-codex', 'GPT-5.3-Codex', { priority: 20, input_modalities: ['text'], support_verbosity: false, default_verbosity: null }),
  model('gpt-5.2', 'GPT-5.2', { priority: 10, context_window: 128_000, minimal_client_version: null, default_reasoning_level: null, supported_reasoning_levels: [] }),
  // Hidden from /v1/models: supported_in_api=false (the real server filters these out).
  model('gpt-internal-review', 'Internal Review', { supported_in_api: false, priority: 5 }),
];

/** Known keys and their allowed_models (null: no restriction). */
const KEY_ALLOWED = new Map<string, readonly string[] | null>([
  [CODEX_LB_API_KEY, null],
  [CODEX_LB_RESTRICTED_KEY, CODEX_LB_RESTRICTED_ALLOWED],
]);

function envelope(status: number, message: string, type: string, code: string): Reply {
  return jsonReply(status, { error: { message, type, code } });
}

export async function startCodexLbReferenceServer(opts: CodexLbServerOptions = {}): Promise<RunningServer> {
  const hasBreak = breakSet(opts.breaks, CODEX_LB_BREAKS, 'codex-lb reference-server');
  const has = hasBreak;
  const rateLimitFirst = opts.rateLimitFirst ?? 0;
  if (!Number.isInteger(rateLimitFirst) || rateLimitFirst < 0) throw new Error(`rateLimitFirst must be a non-negative integer, got ${rateLimitFirst}`);
  const limited = has('rate-limit-429-plain') ? Math.max(rateLimitFirst, 1) : rateLimitFirst;
  const registry = opts.emptyRegistry ? [] : REGISTRY;

  const unauthorized = (message: string): Reply => {
    if (has('error-detail-body')) return jsonReply(401, { detail: 'Not authenticated' });
    if (has('error-missing-code')) return jsonReply(401, { error: { message, type: 'authentication_error' } });
    return envelope(401, message, 'authentication_error', 'invalid_api_key');
  };

  const list = (allowed: readonly string[] | null): Reply => {
    // A break named restricted-X applies X to the restricted key's answer only.
    const has = (name: CodexLbBreakName): boolean => hasBreak(name) || (allowed !== null && hasBreak(`restricted-${name}` as CodexLbBreakName));
    let models = registry.filter((m) => m.metadata.supported_in_api === true);
    if (allowed && !has('filter-ignored')) {
      models = models.filter((m) => allowed.includes(m.slug));
      if (has('filter-drops-allowed')) models = models.slice(0, 1);
      const hidden = registry.find((m) => m.metadata.supported_in_api !== true);
      if (has('filter-leaks-hidden') && hidden) models = [...models, hidden];
    }
    const now = Math.floor(Date.now() / 1000);
    const created = has('created-ms') ? now * 1000 : has('created-stale') ? now - 30 * 86_400 : now;
    let data: Record<string, unknown>[] = models.map((m, i) => {
      const metadata: Record<string, unknown> = { ...m.metadata };
      if (has('metadata-field-missing')) delete metadata.prefer_websockets;
      if (has('context-window-string')) metadata.context_window = String(metadata.context_window);
      if (has('reasoning-levels-strings')) metadata.supported_reasoning_levels = (metadata.supported_reasoning_levels as Level[]).map((l) => l.effort);
      if (has('modality-undocumented') && i === 0) metadata.input_modalities = [...(metadata.input_modalities as string[]), 'pdf'];
      const item: Record<string, unknown> = {
        id: m.slug,
        object: has('object-not-model') ? 'Model' : 'model',
        created: has('created-string') ? String(created) : has('created-per-model') ? created - i : created,
        owned_by: has('owned-by-upstream') ? 'openai' : 'codex-lb',
        metadata,
      };
      if (has('metadata-missing') && i === models.length - 1) delete item.metadata;
      return item;
    });
    if (has('duplicate-id') && data[0]) data = [...data, { ...data[0] }];
    if (has('priority-ascending')) data = [...data].reverse();
    if (has('priority-one-swapped') && data.length > 2) data = [data[0]!, data[2]!, data[1]!, ...data.slice(3)];
    const reply = jsonReply(200, { object: has('object-not-list') ? 'models' : 'list', data });
    if (has('content-type-text')) reply.headers['content-type'] = 'text/plain; charset=utf-8';
    return reply;
  };

  const handle = (req: http.IncomingMessage, url: URL, n: number): Reply => {
    if (n <= limited) {
      return has('rate-limit-429-plain')
        ? { status: 429, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '0' }, body: 'Too Many Requests' }
        : { ...envelope(429, 'Rate limit exceeded for this API key', 'rate_limit_error', 'rate_limit_exceeded'), headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '0' } };
    }
    if (url.pathname !== '/v1/models') return envelope(404, 'Not Found', 'invalid_request_error', 'not_found');
    if (req.method !== 'GET') return envelope(405, 'Method Not Allowed', 'invalid_request_error', 'method_not_allowed');
    const key = bearerOf(req);
    if (key === undefined) return has('no-key-200') ? list(null) : unauthorized('Missing API key in Authorization header');
    const allowed = KEY_ALLOWED.get(key);
    if (allowed === undefined) return has('invalid-key-200') ? list(null) : unauthorized('Invalid API key');
    if (allowed !== null && has('restricted-403')) return envelope(403, 'API key lacks permission', 'permission_error', 'insufficient_permissions');
    if (allowed !== null && has('restricted-403-bare')) return jsonReply(403, { detail: 'Forbidden' });
    return list(allowed);
  };
  return listen(handle, opts, CODEX_LB_API_KEY);
}
