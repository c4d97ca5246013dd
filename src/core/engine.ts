/**
 * The request engine behind every check: each distinct request is sent once and its exchange
 * shared; 429s are retried politely (Retry-After honoured up to a cap); keys are added here,
 * only to the target's own origin, and redacted from everything that is kept.
 */
import type { AuthSpec, CheckContext, Exchange, ExchangeResponse, RequestSpec } from './types.js';
import { TransportError, type HttpClient } from './http.js';
import { Redactor, REDACTED } from './redact.js';

/** Sent where a check needs a key the server must not accept. Not a secret. */
export const INVALID_KEY = 'conformance-invalid-key-00000000000000000000';
export const KEY_ENV = 'CONFORMANCE_API_KEY';

export interface EngineOptions {
  baseUrl: string;
  apiKey?: string;
  client: HttpClient;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Retries after a 429 (each waits Retry-After, capped). */
  retries: number;
  /** Longest Retry-After honoured; a longer one ends the retries. */
  maxRetryWaitMs: number;
  /** Hard cap on requests per run. */
  maxRequests: number;
  /** Requests per second at most (0 = unlimited). */
  rateLimit: number;
  /** Absolute deadline for the whole run (epoch ms), from --max-time. */
  deadline?: number;
  userAgent: string;
  sleep?: (ms: number) => Promise<void>;
}

export class Engine implements CheckContext {
  readonly redactor: Redactor;
  readonly hasKey: boolean;
  private readonly memo = new Map<string, Promise<Exchange>>();
  private readonly base: URL;
  private sent = 0;
  private nextSlot = 0;
  /** Every 429 response met, in order (for the rate-limit check). */
  readonly rateLimited: { url: string; response: ExchangeResponse }[] = [];

  constructor(private readonly opts: EngineOptions) {
    this.base = new URL(opts.baseUrl);
    this.hasKey = Boolean(opts.apiKey);
    this.redactor = new Redactor([opts.apiKey]);
  }

  get requestCount(): number {
    return this.sent;
  }

  rateLimitedSoFar(): readonly { url: string; response: ExchangeResponse }[] {
    return this.rateLimited;
  }

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  exchange(spec: RequestSpec): Promise<Exchange> {
    const key = specKey(spec);
    let pending = this.memo.get(key);
    if (!pending) {
      pending = this.perform(spec);
      this.memo.set(key, pending);
    }
    return pending;
  }

  /** The URL for a spec: the documented path appended to the base URL's own path. */
  urlFor(spec: RequestSpec): string {
    const url = new URL(this.base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${spec.path}`;
    url.search = new URLSearchParams(spec.query ?? {}).toString();
    url.hash = '';
    return url.href;
  }

  private headersFor(spec: RequestSpec): { real: Record<string, string>; shown: Record<string, string> } {
    const real: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': this.opts.userAgent,
      ...lowerKeys(spec.headers ?? {}),
    };
    const shown = { ...real };
    const auth = spec.auth;
    if (auth) {
      const key = auth.key === 'valid' ? this.opts.apiKey : INVALID_KEY;
      if (!key) throw new Error(`internal: a check asked for a valid key but none is configured (${KEY_ENV})`);
      const name = auth.header === 'bearer' ? 'authorization' : 'x-api-key';
      real[name] = auth.header === 'bearer' ? `Bearer ${key}` : key;
      shown[name] = auth.key === 'valid' ? (auth.header === 'bearer' ? `Bearer ${REDACTED}` : REDACTED) : real[name];
    }
    return { real, shown };
  }

  private async perform(spec: RequestSpec): Promise<Exchange> {
    const method = spec.method ?? 'GET';
    const url = this.urlFor(spec);
    const { real, shown } = this.headersFor(spec);
    const started = performance.now();
    const rateLimited: ExchangeResponse[] = [];
    const base = {
      request: { method, url: this.redactor.text(url), headers: this.redactor.headers(shown) },
      curl: curlFor(method, this.redactor.text(url), spec.headers ?? {}, spec.auth),
    };
    for (let attempt = 0; ; attempt++) {
      let response: ExchangeResponse;
      try {
        response = await this.sendOnce(method, url, real);
      } catch (err) {
        const message = err instanceof TransportError ? err.message : `request failed: ${(err as Error).message}`;
        const transportKind = err instanceof TransportError ? err.kind : 'other';
        return { ...base, transportError: this.redactor.text(message), transportKind, rateLimited, durationMs: performance.now() - started };
      }
      if (response.status !== 429) {
        return { ...base, response, rateLimited, durationMs: performance.now() - started };
      }
      this.rateLimited.push({ url: base.request.url, response });
      const wait = retryDelayMs(response.headers['retry-after'], attempt);
      if (attempt >= this.opts.retries || wait > this.opts.maxRetryWaitMs || this.pastDeadline(wait)) {
        return { ...base, response, rateLimited, durationMs: performance.now() - started };
      }
      rateLimited.push(response);
      await (this.opts.sleep ?? sleep)(wait);
    }
  }

  private pastDeadline(extraMs = 0): boolean {
    return this.opts.deadline !== undefined && Date.now() + extraMs >= this.opts.deadline;
  }

  private async sendOnce(method: string, url: string, headers: Record<string, string>): Promise<ExchangeResponse> {
    if (this.sent >= this.opts.maxRequests) {
      throw new TransportError(`request cap of ${this.opts.maxRequests} per run reached (--max-requests)`, 'other');
    }
    if (this.pastDeadline()) throw new TransportError('the run exceeded its time budget (--max-time)', 'timeout');
    await this.throttle();
    this.sent++;
    const timeoutMs = this.opts.deadline === undefined
      ? this.opts.timeoutMs
      : Math.max(1, Math.min(this.opts.timeoutMs, this.opts.deadline - Date.now()));
    const res = await this.opts.client.send({ method, url, headers }, { timeoutMs, maxBodyBytes: this.opts.maxBodyBytes });
    const text = res.body.toString('utf8');
    return {
      status: res.status,
      headers: this.redactor.headers(res.headers),
      body: this.redactor.text(text),
      size: res.body.length,
    };
  }

  private async throttle(): Promise<void> {
    if (!this.opts.rateLimit) return;
    const interval = 1000 / this.opts.rateLimit;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await (this.opts.sleep ?? sleep)(slot - now);
  }
}

function specKey(spec: RequestSpec): string {
  const sorted = (o?: Record<string, string>) => Object.entries(o ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([spec.method ?? 'GET', spec.path, sorted(spec.query), sorted(lowerKeys(spec.headers ?? {})), spec.auth ?? null]);
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Retry-After as seconds or an HTTP date; without one, a short linear backoff. */
export function retryDelayMs(header: string | undefined, attempt: number): number {
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header.trim());
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return 500 * (attempt + 1);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A curl command that reproduces the request; a valid key is referenced as $CONFORMANCE_API_KEY. */
export function curlFor(method: string, url: string, headers: Record<string, string>, auth: AuthSpec): string {
  const parts = ['curl', '-sS', '-i'];
  if (method !== 'GET') parts.push('-X', method);
  for (const [k, v] of Object.entries(headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (auth) {
    const value = auth.key === 'valid' ? `$${KEY_ENV}` : INVALID_KEY;
    const header = auth.header === 'bearer' ? `Authorization: Bearer ${value}` : `x-api-key: ${value}`;
    parts.push('-H', auth.key === 'valid' ? `"${header}"` : shellQuote(header));
  }
  parts.push(shellQuote(url));
  return parts.join(' ');
}
