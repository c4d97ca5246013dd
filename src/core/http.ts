/**
 * The HTTP layer, injectable: the engine talks to an HttpClient, the CLI builds the undici one.
 * Bodies are capped while they stream and decoded (gzip, deflate, br) under the same cap.
 */
import { Agent, request, errors as undiciErrors } from 'undici';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Decoded body bytes. */
  body: Buffer;
}

export interface SendOptions {
  /** Whole request deadline (headers and body), ms, counted from when a connection is free. */
  timeoutMs: number;
  /** The run's deadline (epoch ms, --max-time): a request never runs past it. */
  deadline?: number;
  /** Largest body accepted, raw or decoded, bytes. */
  maxBodyBytes: number;
}

export interface HttpClient {
  send(req: HttpRequest, opts: SendOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** No usable response: the one-line reason is the message. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'timeout' | 'reset' | 'too-large' | 'tls' | 'decode' | 'other',
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface UndiciClientOptions {
  /** Sockets per origin (keep-alive, reused across checks). */
  connections?: number;
  /** Accept self-signed or otherwise untrusted TLS certificates. */
  insecure?: boolean;
}

/**
 * Past LARGE_BODY bytes a body keeps reading only while it holds one of LARGE_BODY_SLOTS slots
 * (the others wait, and their sockets back-pressure): peak memory stays near
 * LARGE_BODY_SLOTS x --max-body-size whatever --concurrency is.
 */
const LARGE_BODY = 1024 * 1024;
const LARGE_BODY_SLOTS = 2;

/** Stated by the client when the run's deadline, not --timeout, cut a request short. */
export const MAX_TIME_EXCEEDED = 'the run exceeded its time budget (--max-time)';

export function createUndiciClient(options: UndiciClientOptions = {}): HttpClient {
  const largeBodies = slots(LARGE_BODY_SLOTS);
  // Requests queue here for one of the connections, so --timeout measures the server, not the queue.
  const connections = slots(options.connections ?? 8);
  const agent = new Agent({
    connections: options.connections ?? 8,
    keepAliveTimeout: 4_000,
    connect: { rejectUnauthorized: !options.insecure },
  });
  return {
    async send(req, opts) {
      await connections.acquire();
      const left = opts.deadline === undefined ? Infinity : opts.deadline - Date.now();
      if (left <= 0) {
        connections.release();
        throw new TransportError(`${MAX_TIME_EXCEEDED}; request not sent`, 'timeout');
      }
      const timeoutMs = Math.min(opts.timeoutMs, left);
      const cutByDeadline = timeoutMs < opts.timeoutMs;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      let holdsSlot = false;
      try {
        const res = await request(req.url, {
          dispatcher: agent,
          method: req.method as 'GET',
          headers: req.headers,
          signal: abort.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        // A body declared over the cap is refused before a byte of it is read.
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > opts.maxBodyBytes) {
          abort.abort();
          throw new TransportError(`response body declares ${declared} bytes (Content-Length), over the ${opts.maxBodyBytes}-byte limit (--max-body-size)`, 'too-large');
        }
        const raw: Buffer[] = [];
        let size = 0;
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > opts.maxBodyBytes) {
            abort.abort();
            throw new TransportError(`response body exceeded the ${opts.maxBodyBytes}-byte limit (--max-body-size)`, 'too-large');
          }
          if (!holdsSlot && size > LARGE_BODY) {
            await largeBodies.acquire(abort.signal);
            holdsSlot = true;
          }
          raw.push(chunk);
        }
        const headers = flattenHeaders(res.headers);
        return { status: res.statusCode, headers, body: decode(Buffer.concat(raw), headers['content-encoding'], opts.maxBodyBytes) };
      } catch (err) {
        const failure = toTransportError(err, abort.signal.aborted, opts);
        if (failure.kind === 'timeout' && cutByDeadline) throw new TransportError(`${MAX_TIME_EXCEEDED} before the response was complete`, 'timeout');
        throw failure;
      } finally {
        clearTimeout(timer);
        if (holdsSlot) largeBodies.release();
        connections.release();
      }
    },
    close: () => agent.close(),
  };
}

/** A counting semaphore whose waits end (rejected) when the request is aborted. */
function slots(n: number): { acquire(signal?: AbortSignal): Promise<void>; release(): void } {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          waiting.splice(waiting.indexOf(grant), 1);
          reject(signal?.reason);
        };
        waiting.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decode(body: Buffer, encoding: string | undefined, maxOutputLength: number): Buffer {
  const codings = (encoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  let out = body;
  if (codings.length === 0) return out;
  // Loaded for the first encoded body only: node:zlib takes ~3 ms to load.
  const { brotliDecompressSync, gunzipSync, inflateSync } = process.getBuiltinModule('node:zlib');
  try {
    // Codings are listed in the order they were applied: undo them last-first.
    for (const coding of codings.reverse()) {
      if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out, { maxOutputLength });
      else if (coding === 'deflate') out = inflateSync(out, { maxOutputLength });
      else if (coding === 'br') out = brotliDecompressSync(out, { maxOutputLength });
      else throw new TransportError(`unsupported content-encoding "${coding}"`, 'decode');
    }
  } catch (err) {
    if (err instanceof TransportError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TransportError(`decoded response body exceeded the ${maxOutputLength}-byte limit (--max-body-size)`, 'too-large');
    }
    throw new TransportError(`could not decode the ${encoding} body: ${(err as Error).message}`, 'decode');
  }
  return out;
}

function toTransportError(err: unknown, aborted: boolean, opts: SendOptions): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  // Checked first: the abort that ends a slow connect would otherwise read as a response timeout.
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TransportError(`could not connect within ${opts.timeoutMs} ms (--timeout)`, 'connect');
  if (aborted || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError) {
    return new TransportError(`no complete response within ${opts.timeoutMs} ms (--timeout)`, 'timeout');
  }
  if (code === 'ECONNREFUSED') return new TransportError('connection refused', 'connect');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError(`host not found (${code})`, 'connect');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new TransportError(`host unreachable (${code})`, 'connect');
  if (/CERT|SSL|TLS/i.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TransportError(`TLS certificate rejected (${code}); pass --insecure to accept it`, 'tls');
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new TransportError('connection closed by the server before the response was complete', 'reset');
  }
  if (err instanceof undiciErrors.HTTPParserError) {
    return new TransportError(`the server sent a malformed HTTP response (${e.message ?? 'unparseable'})`, 'other');
  }
  return new TransportError(`request failed: ${code ? code + ' ' : ''}${e.message ?? String(err)}`.trim(), 'other');
}
