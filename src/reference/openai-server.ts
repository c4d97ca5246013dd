// Embedded reference server for plain OpenAI GET /v1/models and GET /v1/models/{model}: node:http,
// loopback only, deterministic data, in the shared shape of serve.ts. It does what the OpenAPI
// excerpt says; `breaks` switch on deliberately wrong behaviours (OPENAI_BREAKS, breaks/openai.ts),
// each changing exactly one rule. `requireKey: false` serves a keyless server (conformant when no
// key is given).
import { OPENAI_BREAKS, type OpenAiBreakName } from './breaks/openai.js';
import { MODELS_PATH, RETRIEVE_PATH, modelIdOf, type KeyState, type OpenAiBreak, type OpenAiModel, type OpenAiModels } from './openai-http.js';
import { bearerOf, chosenBreaks, jsonReply, startServer, type Reply, type RunningReferenceServer } from './serve.js';

export { OPENAI_BREAKS, type OpenAiBreakName } from './breaks/openai.js';

export const OPENAI_REFERENCE_KEY = 'sk-openai-reference-0c9d8e7f6a5b4c3d';

export interface OpenAiServerOptions {
  /** Default 0 = ephemeral. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  breaks?: readonly OpenAiBreakName[];
  /** Default true. false: every request is served, keys are ignored (a server run without auth). */
  requireKey?: boolean;
  /** Further model ids to list (and retrieve), e.g. paths, org/name:tag, unicode: conforming oddities. */
  extraIds?: readonly string[];
}

export type RunningServer = RunningReferenceServer;

/** Deterministic models in OpenAI's shape; shutdown_date shows both the announced and the null form. */
const MODELS: readonly OpenAiModel[] = [
  { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system', shutdown_date: null },
  { id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
  { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  { id: 'gpt-4-0613', object: 'model', created: 1686588896, owned_by: 'openai', shutdown_date: '2026-10-23' },
  { id: 'ft:gpt-4o-mini:acemeco:suffix:abc123', object: 'model', created: 1723075200, owned_by: 'organization-owner' },
  { id: 'meta-llama/Llama-3.1-8B-Instruct', object: 'model', created: 1721606400, owned_by: 'organization-owner' },
];

const error = (status: number, message: string, type: string, param: string | null, code: string | null, headers?: Record<string, string>): Reply =>
  jsonReply(status, { error: { message, type, param, code } }, headers);

/** 401 with OpenAI's messages for a missing and for a wrong key. */
function unauthorized(missing: boolean): Reply {
  return missing
    ? error(401, "You didn't provide an API key. Provide it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null, null)
    : error(401, 'Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key');
}

export const modelNotFound = (id: string): Reply => error(404, `The model '${id}' does not exist`, 'invalid_request_error', 'model', 'model_not_found');

export async function startOpenAiReferenceServer(opts: OpenAiServerOptions = {}): Promise<RunningServer> {
  const breaks = chosenBreaks(opts.breaks, OPENAI_BREAKS, 'openai reference-server') as readonly OpenAiBreak[];
  const registry = [...MODELS, ...(opts.extraIds ?? []).map((id) => ({ id, object: 'model', created: 1735689600, owned_by: 'organization-owner' }))];
  return startServer<KeyState, OpenAiModel, OpenAiModels>(
    {
      apiKey: OPENAI_REFERENCE_KEY,
      routes: {
        /** "Lists the currently available models". */
        [MODELS_PATH]: (asked, hooks) => jsonReply(200, { object: 'list', data: hooks.models(registry.map((m) => ({ ...m })), { asked, route: 'list' }) }),
        /** "Retrieves a model instance"; an unknown id is a 404 model_not_found. */
        [RETRIEVE_PATH]: (asked, hooks) => {
          const id = modelIdOf(asked);
          if (id === undefined) return modelNotFound(asked.params.model!);
          const found = hooks.models(registry.map((m) => ({ ...m })), { asked, route: 'retrieve' }).find((m) => m.id === id);
          return found ? jsonReply(200, found) : modelNotFound(id);
        },
      },
      classify: (headers) => {
        const key = bearerOf(headers);
        return key === undefined ? 'none' : key === OPENAI_REFERENCE_KEY ? 'valid' : 'invalid';
      },
      notFound: (asked) => error(404, `Unknown path: ${asked.path}`, 'invalid_request_error', null, 'unknown_url'),
      methodNotAllowed: (asked) => error(405, `Method ${asked.method} not allowed`, 'invalid_request_error', null, null, { allow: 'GET' }),
      failed: (err) => error(500, `Reference server error: ${String(err)}`, 'server_error', null, 'internal_error'),
      // "security": ApiKeyAuth (bearer).
      gate: (asked) => (opts.requireKey === false || asked.caller === 'valid' ? undefined : unauthorized(asked.caller === 'none')),
    },
    breaks,
    { port: opts.port, host: opts.host },
  );
}
