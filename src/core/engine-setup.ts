/**
 * The one place an Engine is configured: the run's options, each with its documented default
 * (the CLI's flags start from the same values), and the HTTP client it sends through. The CLI,
 * the library, the kill matrix and the tests all build their engine here, passing only what they vary.
 */
import { Engine } from './engine.js';
import { createHttpClient, type HttpClient } from './http.js';
import { toolInfo } from '../version.js';

export const ENGINE_DEFAULTS = {
  /** Per request (--timeout). */
  timeoutMs: 10_000,
  /** The whole run (--max-time); the engine's deadline is now + this. */
  maxTimeMs: 120_000,
  /** Per body (--max-body-size); the bodies a run keeps are capped at KEPT_BODIES_FACTOR times this. */
  maxBodyBytes: 50 * 1024 * 1024,
  /** Retries after a 429 (--retries). */
  retries: 2,
  /** Longest Retry-After honoured (--max-retry-wait). */
  maxRetryWaitMs: 30_000,
  /** Connections at once (--concurrency). */
  concurrency: 8,
  /** Requests per second at most; 0: no limit (--rate-limit). */
  rateLimit: 0,
  /** Hard cap on requests per run (--max-requests). */
  maxRequests: 1000,
} as const;

/** A run's limits and transport, each defaulting to ENGINE_DEFAULTS (run() takes the same). */
export interface EngineLimits {
  timeoutMs?: number;
  maxTimeMs?: number;
  maxBodyBytes?: number;
  retries?: number;
  maxRetryWaitMs?: number;
  concurrency?: number;
  /** Requests per second at most (0: no limit). */
  rateLimit?: number;
  maxRequests?: number;
  /** Accept an unverified TLS certificate. */
  insecure?: boolean;
  /** Replaces the HTTP client (tests of the plumbing only). */
  httpClient?: HttpClient;
}

export interface EngineSetup extends EngineLimits {
  baseUrl: string;
  /** A valid key, sent only to the target's origin and redacted. */
  apiKey?: string;
  /** codex-lb: a key with allowed_models, sent by checks that ask for it and redacted like apiKey. */
  restrictedKey?: string;
  /** Non-secret profile settings by environment name, read by checks through setting(). */
  settings?: Readonly<Record<string, string | undefined>>;
  /** Extra headers for every request (`--header`). */
  headers?: Readonly<Record<string, string>>;
  /** Header values redacted like keys. */
  secretHeaderValues?: readonly string[];
  /** Default: conformance/<version>. */
  userAgent?: string;
}

export interface ConfiguredEngine {
  engine: Engine;
  /** Closes the HTTP client (its connections). */
  close(): Promise<void>;
}

/** An Engine with `setup` over ENGINE_DEFAULTS; undefined options take the default. */
export function createEngine(setup: EngineSetup): ConfiguredEngine {
  const o = { ...ENGINE_DEFAULTS, ...definedOnly(setup) };
  const client = setup.httpClient ?? createHttpClient({ connections: o.concurrency, insecure: setup.insecure });
  const engine = new Engine({
    baseUrl: setup.baseUrl,
    apiKey: setup.apiKey || undefined,
    extraSecrets: { restricted: setup.restrictedKey || undefined },
    settings: setup.settings,
    headers: setup.headers,
    secretHeaderValues: setup.secretHeaderValues,
    client,
    timeoutMs: o.timeoutMs,
    maxBodyBytes: o.maxBodyBytes,
    retries: o.retries,
    maxRetryWaitMs: o.maxRetryWaitMs,
    maxRequests: o.maxRequests,
    rateLimit: o.rateLimit,
    deadline: Date.now() + o.maxTimeMs,
    userAgent: setup.userAgent ?? `${toolInfo().name}/${toolInfo().version}`,
  });
  return { engine, close: () => client.close() };
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
