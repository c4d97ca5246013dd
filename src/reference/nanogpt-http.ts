// The NanoGPT reference's vocabulary: its paths, who is calling, its headers and reply builders.
// Routes (nanogpt-routes.ts) and breaks (breaks/nanogpt-*.ts) both speak it.
import type { IncomingHttpHeaders } from 'node:http';
import { JSON_TYPE, jsonReply as plainJson, type Asked, type Break, type Reply } from './serve.js';
import type { TextModel } from './data.js';

export const REFERENCE_API_KEY = 'sk-nano-reference-7f3a9c2e41b8d605';

export const PATHS = {
  models: '/api/v1/models',
  subscription: '/api/subscription/v1/models',
  paid: '/api/paid/v1/models',
  personalized: '/api/personalized/v1/models',
  images: '/api/v1/image-models',
  explore: '/api/explore/text-models',
  search: '/api/explore/search',
} as const;

/** The three public text-model lists. */
export const TEXT_LISTS: readonly string[] = [PATHS.models, PATHS.subscription, PATHS.paid];

export interface Caller {
  state: 'none' | 'invalid' | 'valid';
  via: 'bearer' | 'x-api-key' | null;
}

export const ANONYMOUS: Caller = { state: 'none', via: null };

export type NanoAsked = Asked<Caller>;

/** What a text list is asked for, as the route reads it; what hooks of a list see. */
export interface TextList {
  asked: NanoAsked;
  /** detailed=true (text lists: only the string 'true'). */
  detailed: boolean;
  /** A documented sort, or null (none, or an unknown value: ignored). */
  sort: 'favorites' | 'mostused' | null;
  /** The whole registry (internal helper and synthetic models included), catalogue order. */
  all: readonly TextModel[];
  /** What lists may show, catalogue order. Explore search: both narrowed to the models matching q. */
  visible: readonly TextModel[];
}

export type NanoBreak = Break<Caller, TextModel, TextList>;

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `Authorization: Bearer <k>` wins over `x-api-key: <k>`; a key is valid iff it is REFERENCE_API_KEY. */
export function callerOf(headers: IncomingHttpHeaders): Caller {
  const classify = (key: string, via: 'bearer' | 'x-api-key'): Caller => ({ state: key === REFERENCE_API_KEY ? 'valid' : 'invalid', via });
  const auth = firstHeader(headers.authorization);
  const bearer = auth === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(auth.trim());
  if (bearer) return classify((bearer[1] ?? '').trim(), 'bearer');
  const xApiKey = firstHeader(headers['x-api-key']);
  if (xApiKey !== undefined) return classify(xApiKey.trim(), 'x-api-key');
  return ANONYMOUS;
}

/** Whether the request sent `Authorization: Bearer` with no key at all. */
export function emptyBearer(asked: NanoAsked): boolean {
  return /^Bearer\s*$/i.test(firstHeader(asked.sent.authorization)?.trim() ?? '');
}

const VARY_KEYS = 'Authorization, x-api-key';
export const LIST_CACHE = { 'cache-control': 'private, max-age=60', vary: VARY_KEYS };
export const PERSONAL_CACHE = { 'cache-control': 'private, no-store', vary: VARY_KEYS };
export const IMAGE_CACHE = { 'cache-control': 'public, max-age=300' };
export const ERROR_CACHE = { 'cache-control': 'no-store' };
export const CORS = { 'access-control-allow-origin': '*' };

/** "Standard CORS": every JSON reply allows any origin. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return plainJson(status, body, { ...CORS, ...headers });
}

export function openAiError(status: number, message: string, type: string, code: string, param: string | null, headers: Record<string, string>): Reply {
  return jsonReply(status, { error: { message, type, param, code } }, headers);
}

export function unauthorized(headers: Record<string, string>): Reply {
  return openAiError(401, 'Invalid or missing API key', 'authentication_error', 'invalid_api_key', null, headers);
}

export function notFound(path: string): Reply {
  return openAiError(404, `Unknown path: ${path}`, 'invalid_request_error', 'not_found', null, ERROR_CACHE);
}

export function methodNotAllowed(method: string): Reply {
  return openAiError(405, `Method ${method} not allowed`, 'invalid_request_error', 'method_not_allowed', null, { ...ERROR_CACHE, allow: 'GET, OPTIONS' });
}

export function serverError(message: string): Reply {
  return openAiError(500, message, 'server_error', 'internal_error', null, ERROR_CACHE);
}

/** A non-JSON reply (a break's HTML or plain-text body), with the same CORS and cache headers. */
export function textReply(status: number, type: string, body: string, headers: Record<string, string>): Reply {
  return { status, headers: { 'content-type': type, ...CORS, ...headers }, body };
}

export { JSON_TYPE };
