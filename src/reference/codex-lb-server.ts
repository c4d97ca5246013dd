// Embedded reference server for codex-lb's GET /v1/models: node:http, loopback only, in the shared
// shape of serve.ts. It follows the seed (codex-lb-list-models-api.txt) and the real server's
// behaviour (Soju06/codex-lb: one created per response, owned_by "codex-lb", nullable metadata
// defaults, supported_in_api=false models hidden, allowed_models filtering, {error: {message,
// type, code}} envelopes). `breaks` switch on deliberately wrong behaviours (CODEX_LB_BREAKS,
// breaks/codex-lb.ts), each changing one rule.
import { CODEX_LB_BREAKS, type CodexLbBreakName } from './breaks/codex-lb.js';
import {
  CODEX_LB_API_KEY,
  CODEX_LB_RESTRICTED_ALLOWED,
  CODEX_LB_RESTRICTED_KEY,
  MODELS_PATH,
  envelope,
  type Caller,
  type CodexLbBreak,
  type CodexLbList,
  type RegistryModel,
} from './codex-lb-http.js';
import { bearerOf, chosenBreaks, jsonReply, nonNegativeInteger, startServer, type Route, type RunningReferenceServer } from './serve.js';

export { CODEX_LB_BREAKS, type CodexLbBreakName } from './breaks/codex-lb.js';
export { CODEX_LB_API_KEY, CODEX_LB_RESTRICTED_ALLOWED, CODEX_LB_RESTRICTED_KEY, CODEX_LB_RESTRICTED_SEES } from './codex-lb-http.js';

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

function callerOf(key: string | undefined): Caller {
  if (key === undefined) return { state: 'none', allowed: null };
  const allowed = KEY_ALLOWED.get(key);
  return allowed === undefined ? { state: 'invalid', allowed: null } : { state: 'valid', allowed };
}

/** "returns a list of models available to your API key": served by the API, within allowed_models; one created per response. */
function list(registry: readonly RegistryModel[]): Route<Caller, RegistryModel, CodexLbList> {
  return (asked, hooks) => {
    const { allowed } = asked.caller;
    const served = registry.filter((m) => m.metadata.supported_in_api === true);
    const context = { asked, registry };
    const models = hooks.models(allowed ? served.filter((m) => allowed.includes(m.slug)) : served, context);
    const created = Math.floor(Date.now() / 1000);
    const data = models.map((m, i) =>
      hooks.item({ id: m.slug, object: 'model', created, owned_by: 'codex-lb', metadata: { ...m.metadata } }, m, i, models.length, context));
    return jsonReply(200, { object: 'list', data });
  };
}

export async function startCodexLbReferenceServer(opts: CodexLbServerOptions = {}): Promise<RunningReferenceServer> {
  const breaks = chosenBreaks(opts.breaks, CODEX_LB_BREAKS, 'codex-lb reference-server') as readonly CodexLbBreak[];
  const rateLimitFirst = nonNegativeInteger('rateLimitFirst', opts.rateLimitFirst ?? 0);
  return startServer<Caller, RegistryModel, CodexLbList>(
    {
      apiKey: CODEX_LB_API_KEY,
      routes: { [MODELS_PATH]: list(opts.emptyRegistry ? [] : REGISTRY) },
      classify: (headers) => callerOf(bearerOf(headers)),
      notFound: () => envelope(404, 'Not Found', 'invalid_request_error', 'not_found'),
      methodNotAllowed: () => envelope(405, 'Method Not Allowed', 'invalid_request_error', 'method_not_allowed'),
      failed: (err) => jsonReply(500, { error: { message: `Reference server error: ${String(err)}`, type: 'server_error', param: null, code: 'internal_error' } }),
      rateLimited: () => ({ ...envelope(429, 'Rate limit exceeded for this API key', 'rate_limit_error', 'rate_limit_exceeded'), headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '0' } }),
      // "401 Unauthorized: Invalid or missing API key".
      gate: ({ caller }) => {
        if (caller.state === 'none') return envelope(401, 'Missing API key in Authorization header', 'authentication_error', 'invalid_api_key');
        if (caller.state === 'invalid') return envelope(401, 'Invalid API key', 'authentication_error', 'invalid_api_key');
        return undefined;
      },
    },
    breaks,
    { port: opts.port, host: opts.host, rateLimitFirst },
  );
}
