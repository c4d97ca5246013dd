/**
 * The three parts of undici the HTTP client uses, required directly. The package entry also loads
 * fetch, WebSocket, EventSource, mocks and caches: about 110 modules, the largest single cost of
 * starting a run (bench/, docs/performance.md). Same pinned package, same classes and errors.
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const errors = require('undici/lib/core/errors.js') as typeof Undici.errors;

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher };
const apiRequest = require('undici/lib/api/api-request.js') as (this: Undici.Dispatcher, opts: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;

/** undici's `request(url, { dispatcher, ... })`, minus its global-dispatcher fallback. */
export function request(url: string, { dispatcher, ...opts }: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const u = new URL(url);
  return apiRequest.call(dispatcher, { ...opts, origin: u.origin, path: `${u.pathname}${u.search}` });
}
