/**
 * The request engine behind every check: each distinct request is sent once and its exchange
 * shared; 429s are retried politely (Retry-After honoured up to a cap); keys are added here,
 * only to the target's own origin, and redacted from everything that is kept. Build one with
 * createEngine (engine-setup.ts), where the run's settings and their defaults live.
 */
import type { CheckContext, Exchange, ExchangeResponse, RequestSpec } from './types.js';
import { MAX_TIME_EXCEEDED, TransportError, type HttpClient } from './http.js';
import { Redactor, REDACTED } from './redact.js';
import { BodyStore } from './bodies.js';
import { curlFor } from './curl.js';
import { INVALID_KEY, KEY_ENV, RESTRICTED_KEY_ENV } from './keys.js';
import { hasRetryAfter, retryDelayMs } from './retry-after.js';

export { INVALID_KEY, KEY_ENV, RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from './keys.js';
export { hasRetryAfter, retryDelayMs } from './retry-after.js';
export { curlFor } from './curl.js';
export { KEPT_BODIES_FACTOR } from './bodies.js';

/** Milliseconds on a monotonic clock; not performance.now(), whose global loads perf_hooks on first use. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface EngineOptions {
  baseUrl: string;
  apiKey?: string;
  /** Further keys a check may send by name (AuthSpec `key`); each is redacted like apiKey. */
  extraSecrets?: { restricted?: string };
  /** Non-secret profile settings (environment names to values), read by checks through setting(). */
  settings?: Readonly<Record<string, string | undefined>>;
  /** Extra headers for every request (`--header`); the checks' own headers win. */
  headers?: Readonly<Record<string, string>>;
  /** Header values redacted like keys (those read from the environment). */
  secretHeaderValues?: readonly string[];
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

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

interface Followed {
  response: ExchangeResponse;
  /** Same-origin hops taken, redacted. */
  redirects: string[];
  /** Set when a redirect was not followed: the one-line reason. */
  refused?: string;
}

export class Engine implements CheckContext {
  readonly redactor: Redactor;
  readonly hasKey: boolean;
  readonly hasRestrictedKey: boolean;
  private readonly memo = new Map<string, Promise<Exchange>>();
  /** The run's one body cache: each distinct body kept, redacted and parsed once. */
  private readonly bodies: BodyStore;
  private readonly base: URL;
  private sent = 0;
  /** Requests admitted under --max-requests (sent or waiting for their rate-limit slot). */
  private reserved = 0;
  private nextSlot = 0;
  /** Every exchange completed, in order (for late checks that judge all the answers of a kind). */
  private readonly completed: Exchange[] = [];
  /** Every 429 response met, in order (for the rate-limit check). */
  readonly rateLimited: { url: string; response: ExchangeResponse }[] = [];

  constructor(private readonly opts: EngineOptions) {
    this.base = new URL(opts.baseUrl);
    this.hasKey = Boolean(opts.apiKey);
    this.hasRestrictedKey = Boolean(opts.extraSecrets?.restricted);
    this.redactor = new Redactor([opts.apiKey, opts.extraSecrets?.restricted, ...(opts.secretHeaderValues ?? [])]);
    this.bodies = new BodyStore(opts.maxBodyBytes, (text) => this.redactor.text(text), (message) => new TransportError(message, 'too-large'));
  }

  get requestCount(): number {
    return this.sent;
  }

  rateLimitedSoFar(): readonly { url: string; response: ExchangeResponse }[] {
    return this.rateLimited;
  }

  exchangesSoFar(): readonly Exchange[] {
    return this.completed;
  }

  setting(name: string): string | undefined {
    const value = this.opts.settings?.[name]?.trim();
    return value ? value : undefined;
  }

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  /**
   * Past the deadline a check gets no more answers, even ones already in: --max-time bounds the
   * checks' own work too (parsing, validation, comparisons), since each check stops at its next
   * exchange. The memoised exchange itself is kept as it came. Each answer is handed over in its
   * own macrotask, so checks waiting on one exchange resume one at a time, each after the work of
   * the one before, and each sees the clock as it is then.
   */
  async exchange(spec: RequestSpec): Promise<Exchange> {
    const key = specKey(spec);
    let pending = this.memo.get(key);
    if (!pending) {
      pending = this.perform(spec).then((ex) => {
        this.completed.push(ex);
        return ex;
      });
      this.memo.set(key, pending);
    }
    const ex = await pending;
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.pastDeadline()) return ex;
    const { response: _dropped, ...rest } = ex;
    return { ...rest, transportError: `${MAX_TIME_EXCEEDED}; the checks stopped there`, transportKind: 'timeout' };
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
      ...this.opts.headers,
      ...lowerKeys(spec.headers ?? {}),
    };
    const shown = { ...real };
    const auth = spec.auth;
    if (auth) {
      const key = auth.key === 'valid' ? this.opts.apiKey : auth.key === 'restricted' ? this.opts.extraSecrets?.restricted : INVALID_KEY;
      if (!key) throw new Error(`internal: a check asked for a ${auth.key} key but none is configured (${auth.key === 'restricted' ? RESTRICTED_KEY_ENV : KEY_ENV})`);
      const name = auth.header === 'bearer' ? 'authorization' : 'x-api-key';
      real[name] = auth.header === 'bearer' ? `Bearer ${key}` : key;
      shown[name] = auth.key !== 'invalid' ? (auth.header === 'bearer' ? `Bearer ${REDACTED}` : REDACTED) : real[name];
    }
    return { real, shown };
  }

  private async perform(spec: RequestSpec): Promise<Exchange> {
    const method = spec.method ?? 'GET';
    const url = this.urlFor(spec);
    const { real, shown } = this.headersFor(spec);
    const started = monotonicMs();
    const rateLimited: ExchangeResponse[] = [];
    const base = {
      request: { method, url: this.redactor.text(url), headers: this.redactor.headers(shown) },
      curl: curlFor(method, this.redactor.text(url), { ...this.redactor.headers({ ...this.opts.headers }), ...spec.headers }, spec.auth),
    };
    const done = (extra: Partial<Exchange>): Exchange => ({ ...base, rateLimited, ...extra, durationMs: monotonicMs() - started });
    for (let attempt = 0; ; attempt++) {
      let hop: Followed;
      try {
        hop = await this.sendFollowing(method, url, real);
      } catch (err) {
        const message = err instanceof TransportError ? err.message : `request failed: ${(err as Error).message}`;
        return done({ transportError: this.redactor.text(message), transportKind: err instanceof TransportError ? err.kind : 'other' });
      }
      const { response } = hop;
      const redirects = hop.redirects.length ? { redirects: hop.redirects } : {};
      if (hop.refused) return done({ response, ...redirects, transportError: hop.refused, transportKind: 'redirect' });
      if (response.status !== 429) return done({ response, ...redirects });
      this.rateLimited.push({ url: base.request.url, response });
      const wait = retryDelayMs(response.headers['retry-after'], attempt);
      const stop = this.retryStop(wait, attempt, hasRetryAfter(response.headers['retry-after']));
      if (stop) return done({ response, ...redirects, retryNote: stop });
      rateLimited.push(response);
      await (this.opts.sleep ?? sleep)(wait);
    }
  }

  /** Why a 429 is not retried, or undefined to retry it. */
  private retryStop(waitMs: number, attempt: number, hasRetryAfter: boolean): string | undefined {
    const { retries, maxRetryWaitMs } = this.opts;
    if (attempt >= retries) return attempt === 0 ? 'not retried (--retries 0)' : `gave up after ${attempt} ${attempt === 1 ? 'retry' : 'retries'} (--retries)`;
    const what = hasRetryAfter ? `Retry-After ${seconds(waitMs)} s` : `a ${seconds(waitMs)} s backoff`;
    if (waitMs > maxRetryWaitMs) return `${what} exceeds the ${seconds(maxRetryWaitMs)} s cap (--max-retry-wait); not retried`;
    if (this.pastDeadline(waitMs)) return `waiting ${what} would pass the run's deadline (--max-time); not retried`;
    return undefined;
  }

  /**
   * Sends one request, following same-origin redirects. A redirect to another origin is never
   * followed: the key must not go there (and the user did not name that host).
   */
  private async sendFollowing(method: string, url: string, headers: Record<string, string>): Promise<Followed> {
    const redirects: string[] = [];
    let current = url;
    let currentMethod = method;
    for (;;) {
      const { response, location } = await this.sendOnce(currentMethod, current, headers);
      if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return { response, redirects };
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return { response, redirects }; // an unusable Location: the 3xx is the answer
      }
      next.hash = '';
      // The raw Location, redacted, never a re-serialised URL: parsing lowercases hosts and re-encodes.
      const shownLocation = this.redactor.text(location);
      if (next.origin !== this.base.origin) {
        const refused = `redirected (HTTP ${response.status}) to another origin: ${shownLocation}; not followed, so no request and no key goes there (requests go only to ${this.redactor.text(this.base.origin)}; if the API lives there, use it as the base URL)`;
        return { response, redirects, refused };
      }
      if (redirects.length >= MAX_REDIRECTS) {
        return { response, redirects, refused: `more than ${MAX_REDIRECTS} redirects (the last to ${shownLocation}); not followed further` };
      }
      redirects.push(`${response.status} -> ${shownLocation}`);
      if (response.status === 303) currentMethod = 'GET';
      current = next.href;
    }
  }

  private pastDeadline(extraMs = 0): boolean {
    return this.opts.deadline !== undefined && Date.now() + extraMs >= this.opts.deadline;
  }

  private async sendOnce(method: string, url: string, headers: Record<string, string>): Promise<{ response: ExchangeResponse; location?: string }> {
    if (this.pastDeadline()) throw new TransportError(`${MAX_TIME_EXCEEDED}; request not sent`, 'timeout');
    // Counted before the rate-limit wait, so concurrent checks cannot overshoot the cap.
    if (this.reserved >= this.opts.maxRequests) {
      throw new TransportError(`request cap of ${this.opts.maxRequests} per run reached (--max-requests); request not sent`, 'other');
    }
    this.reserved++;
    await this.throttle();
    if (this.pastDeadline()) throw new TransportError(`${MAX_TIME_EXCEEDED}; request not sent`, 'timeout');
    this.sent++;
    const res = await this.opts.client.send({ method, url, headers }, { timeoutMs: this.opts.timeoutMs, maxBodyBytes: this.opts.maxBodyBytes, deadline: this.opts.deadline });
    return { response: this.bodies.response(res.status, this.redactor.headers(res.headers), res.body), location: res.headers.location };
  }

  private async throttle(): Promise<void> {
    if (!this.opts.rateLimit) return;
    const interval = 1000 / this.opts.rateLimit;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    // A slot past the deadline is refused now rather than slept towards.
    if (this.opts.deadline !== undefined && slot >= this.opts.deadline) {
      throw new TransportError(`${MAX_TIME_EXCEEDED}: no --rate-limit slot left before it; request not sent`, 'timeout');
    }
    this.nextSlot = slot + interval;
    if (slot > now) await (this.opts.sleep ?? sleep)(slot - now);
  }
}

function specKey(spec: RequestSpec): string {
  // Code-unit order: only consistency matters, and localeCompare's first call loads ICU (~10 ms).
  const sorted = (o?: Record<string, string>) => Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([spec.method ?? 'GET', spec.path, sorted(spec.query), sorted(lowerKeys(spec.headers ?? {})), spec.auth ?? null]);
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
