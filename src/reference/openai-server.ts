// Embedded reference server for plain OpenAI GET /v1/models and GET /v1/models/{model}: node:http, loopback only,
// deterministic data. `breaks` switch on deliberately wrong behaviours (OPENAI_BREAKS), each
// changing exactly one rule; `requireKey: false` serves a keyless server (conformant when no key is given).

import http from 'node:http';
import { listenOn } from './loopback.js';

export const OPENAI_REFERENCE_KEY = 'sk-openai-reference-0c9d8e7f6a5b4c3d';

export const OPENAI_BREAKS = {
  'content-type-text': { description: 'the list is served as text/plain (body unchanged)', kills: ['OAI-LIST-01'] },
  'object-not-list': { description: "top-level object is 'models'", kills: ['OAI-LIST-02'] },
  'missing-created': { description: 'models lack created (the shape of @dwmkerr/mock-llm\'s default)', kills: ['OAI-LIST-03'] },
  'created-ms': { description: 'created is sent in milliseconds', kills: ['OAI-LIST-04'] },
  'duplicate-id': { description: 'the first model is listed twice', kills: ['OAI-LIST-05'] },
  'shutdown-date-unix': { description: 'shutdown_date is a Unix timestamp instead of a date', kills: ['OAI-LIST-06'] },
  'no-key-200': { description: 'a request without a key gets the list (keys configured)', kills: ['OAI-AUTH-01'] },
  'invalid-key-200': { description: 'a wrong key gets the list', kills: ['OAI-AUTH-02'] },
  'error-string': { description: '401 body is {"error": "Unauthorized"} (no envelope object)', kills: ['OAI-ERR-01'] },
  'error-no-param': { description: '401 body is {"error": {message, type, code: 401}} (llama-server style: no param, integer code)', kills: ['OAI-ERR-02'] },
  'wildcard-id': { description: "the list includes a gateway's access pattern 'openai/*' as a model", kills: ['OAI-LIST-07'] },
  'sentinel-id': { description: "the list includes the sentinel 'all-team-models' as a model", kills: ['OAI-LIST-07'] },
  'empty-id': { description: 'the list includes a model whose id is ""', kills: ['OAI-LIST-07'] },
  'created-zero': { description: 'every model has created: 0', kills: ['OAI-LIST-08'] },
  'retrieve-missing': { description: 'GET /v1/models/{model} answers 404 for every id (only the list is implemented, as llama-server)', kills: ['OAI-GET-01'] },
  'retrieve-slash-raw': { description: 'ids are matched against the raw path, so an id with "/" sent as %2F is not found', kills: ['OAI-GET-01'] },
  'retrieve-one-model': { description: 'every retrieve answers the first model, whatever id was asked for', kills: ['OAI-GET-01'] },
  'retrieve-owner-differs': { description: "a retrieved model's owned_by is 'openai' whatever the list says", kills: ['OAI-GET-02'] },
  'retrieve-unknown-200': { description: 'an unknown id is answered 200 with a made-up model', kills: ['OAI-GET-03'] },
  'retrieve-unknown-plain': { description: 'an unknown id is answered 404 with a text/plain "Not Found"', kills: ['OAI-GET-03'] },
} as const satisfies Record<string, { description: string; kills: readonly string[] }>;

export type OpenAiBreakName = keyof typeof OPENAI_BREAKS;

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

export interface RunningServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  apiKey: string;
  requestCount(): number;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** The bearer token of a request: undefined without an Authorization: Bearer header. */
export function bearerOf(req: http.IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? /^Bearer\s+(.*)$/i.exec(auth.trim()) : null;
  return m ? (m[1] ?? '').trim() : undefined;
}

/** Starts `handle` on host:port (ephemeral by default); replies carry Content-Length. */
export async function listen(handle: (req: http.IncomingMessage, url: URL, n: number) => Reply, opts: { port?: number; host?: string }, apiKey: string): Promise<RunningServer> {
  let count = 0;
  const server = http.createServer((req, res) => {
    const n = ++count;
    let reply: Reply;
    try {
      reply = handle(req, new URL(req.url ?? '/', 'http://reference.invalid'), n);
    } catch (err) {
      reply = jsonReply(500, { error: { message: `Reference server error: ${String(err)}`, type: 'server_error', param: null, code: 'internal_error' } });
    }
    res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
  });
  const listening = await listenOn(server, opts);
  return { url: listening.url, port: listening.port, apiKey, requestCount: () => count, close: listening.close };
}

/** Breaks validated once; `has` answers per break. */
export function breakSet<T extends string>(names: readonly T[] | undefined, table: Record<T, unknown>, what: string): (name: T) => boolean {
  const set = new Set<T>();
  for (const name of names ?? []) {
    if (!Object.prototype.hasOwnProperty.call(table, name)) throw new Error(`unknown ${what} break: ${String(name)}`);
    set.add(name);
  }
  return (name) => set.has(name);
}

/** Deterministic models in OpenAI's shape; shutdown_date shows both the announced and the null form. */
const MODELS = [
  { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system', shutdown_date: null },
  { id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
  { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  { id: 'gpt-4-0613', object: 'model', created: 1686588896, owned_by: 'openai', shutdown_date: '2026-10-23' },
  { id: 'ft:gpt-4o-mini:acemeco:suffix:abc123', object: 'model', created: 1723075200, owned_by: 'organization-owner' },
  { id: 'meta-llama/Llama-3.1-8B-Instruct', object: 'model', created: 1721606400, owned_by: 'organization-owner' },
];

const MODELS_PATH = '/v1/models';

export async function startOpenAiReferenceServer(opts: OpenAiServerOptions = {}): Promise<RunningServer> {
  const has = breakSet(opts.breaks, OPENAI_BREAKS, 'openai reference-server');
  const requireKey = opts.requireKey ?? true;

  const unauthorized = (missing: boolean): Reply => {
    if (has('error-string')) return jsonReply(401, { error: 'Unauthorized' });
    if (has('error-no-param')) return jsonReply(401, { error: { message: 'Invalid API Key', type: 'authentication_error', code: 401 } });
    return missing
      ? jsonReply(401, { error: { message: "You didn't provide an API key. Provide it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).", type: 'invalid_request_error', param: null, code: null } })
      : jsonReply(401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
  };

  const models = (): Record<string, unknown>[] => {
    let data: Record<string, unknown>[] = [...MODELS, ...(opts.extraIds ?? []).map((id) => ({ id, object: 'model', created: 1735689600, owned_by: 'organization-owner' }))].map((m) => ({ ...m }));
    if (has('missing-created')) data = data.map(({ created: _created, ...rest }) => rest);
    if (has('created-ms')) data = data.map((m) => ({ ...m, created: (m.created as number) * 1000 }));
    if (has('shutdown-date-unix')) data = data.map((m) => (m.shutdown_date ? { ...m, shutdown_date: 1792713600 } : m));
    if (has('duplicate-id')) data = [...data, { ...data[0]! }];
    if (has('created-zero')) data = data.map((m) => ({ ...m, created: 0 }));
    if (has('wildcard-id')) data = [...data, { id: 'openai/*', object: 'model', created: 1735689600, owned_by: 'openai' }];
    if (has('sentinel-id')) data = [...data, { id: 'all-team-models', object: 'model', created: 1735689600, owned_by: 'organization-owner' }];
    if (has('empty-id')) data = [...data, { id: '', object: 'model', created: 1735689600, owned_by: 'organization-owner' }];
    return data;
  };

  const list = (): Reply => {
    const reply = jsonReply(200, { object: has('object-not-list') ? 'models' : 'list', data: models() });
    if (has('content-type-text')) reply.headers['content-type'] = 'text/plain; charset=utf-8';
    return reply;
  };

  /** GET /v1/models/{model}: the id is the rest of the path, percent-decoded (so %2F is a "/" in the id). */
  const retrieve = (rawId: string): Reply => {
    const notFound = (id: string) =>
      has('retrieve-unknown-plain')
        ? { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found' }
        : jsonReply(404, { error: { message: `The model '${id}' does not exist`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' } });
    let id: string;
    try {
      id = has('retrieve-slash-raw') ? rawId : decodeURIComponent(rawId);
    } catch {
      return notFound(rawId);
    }
    if (has('retrieve-missing')) return notFound(id);
    const all = models();
    const found = has('retrieve-one-model') ? all[0] : all.find((m) => m.id === id);
    if (!found) return has('retrieve-unknown-200') ? jsonReply(200, { id, object: 'model', created: 1735689600, owned_by: 'system' }) : notFound(id);
    return jsonReply(200, has('retrieve-owner-differs') ? { ...found, owned_by: 'openai' } : found);
  };

  return listen((req, url) => {
    // The raw request path: URL parsing would keep %2F, but be explicit about what is decoded where.
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const isRetrieve = rawPath.startsWith(`${MODELS_PATH}/`) && rawPath.length > MODELS_PATH.length + 1;
    if (url.pathname !== MODELS_PATH && !isRetrieve) return jsonReply(404, { error: { message: `Unknown path: ${url.pathname}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
    if (req.method !== 'GET') return jsonReply(405, { error: { message: `Method ${req.method ?? ''} not allowed`, type: 'invalid_request_error', param: null, code: null } }, { allow: 'GET' });
    if (requireKey) {
      const key = bearerOf(req);
      if (key === undefined && !has('no-key-200')) return unauthorized(true);
      if (key !== undefined && key !== OPENAI_REFERENCE_KEY && !has('invalid-key-200')) return unauthorized(false);
    }
    return isRetrieve ? retrieve(rawPath.slice(MODELS_PATH.length + 1)) : list();
  }, opts, OPENAI_REFERENCE_KEY);
}
