/**
 * The three parts of undici the HTTP client uses, imported directly. The package entry also loads
 * fetch, WebSocket, EventSource, mocks and caches: about 110 modules, the largest single cost of
 * starting a run (bench/, docs/performance.md). Same pinned package, same classes and errors.
 * Static imports, so the bundled CLI (scripts/bundle.mjs) carries them inline.
 */
import type * as Undici from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import undiciErrors from 'undici/lib/core/errors.js';
import apiRequestFn from 'undici/lib/api/api-request.js';

export const Agent = AgentClass as typeof Undici.Agent;
export const errors = undiciErrors as typeof Undici.errors;

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher };
const apiRequest = apiRequestFn as (this: Undici.Dispatcher, opts: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;

/** undici's `request(url, { dispatcher, ... })`, minus its global-dispatcher fallback. */
export function request(url: string, { dispatcher, ...opts }: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const u = new URL(url);
  return apiRequest.call(dispatcher, { ...opts, origin: u.origin, path: `${u.pathname}${u.search}` });
}
