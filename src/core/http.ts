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
 * (the others wait, and their sockets back-pressure), and an encoded body decodes only in one:
 * peak memory stays near LARGE_BODY_SLOTS x --max-body-size whatever --concurrency is.
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
        let res: RawResponse;
        try {
          res = await request(req.url, {
            dispatcher: agent,
            method: req.method as 'GET',
            headers: req.headers,
            signal: abort.signal,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          });
        } catch (err) {
          if (!isUnsolicitedContinue(err)) throw err;
          res = await nodeRequest(req, abort.signal, Boolean(options.insecure));
        }
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
        // Decoding can turn a few KB into --max-body-size: an encoded body decodes in a slot too.
        if (!holdsSlot && headers['content-encoding'] !== undefined) {
          await largeBodies.acquire(abort.signal);
          holdsSlot = true;
        }
        return { status: res.statusCode, headers, body: await decode(Buffer.concat(raw), headers['content-encoding'], opts.maxBodyBytes, abort.signal) };
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

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer> | unknown;
}

/**
 * undici drops the connection when a `100 Continue` arrives unasked ("bad response"), though
 * RFC 9110 §15.2 has a client parse any 1xx before the final response. Such a request is sent
 * again once through node:http, which skips interim responses (other 1xx undici skips itself).
 */
function isUnsolicitedContinue(err: unknown): boolean {
  return (err as { code?: string }).code === 'UND_ERR_SOCKET' && (err as Error).message === 'bad response';
}

function nodeRequest(req: HttpRequest, signal: AbortSignal, insecure: boolean): Promise<RawResponse> {
  const url = new URL(req.url);
  const client = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:https');
  return new Promise((resolve, reject) => {
    const sent = client.request(url, { method: req.method, headers: req.headers, signal, agent: false, rejectUnauthorized: !insecure }, (res) => {
      resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    sent.on('error', reject);
    sent.end();
  });
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

/**
 * Content codings a response may stack. Real servers apply one; RFC 9110 allows several, and a
 * server stacking hundreds would make decoding alone take tens of seconds.
 */
export const MAX_CODINGS = 3;

/** Decoded off the main thread (zlib's thread pool), so timers, and the deadline, keep running. */
async function decode(body: Buffer, encoding: string | undefined, maxOutputLength: number, signal: AbortSignal): Promise<Buffer> {
  const codings = (encoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  let out = body;
  if (codings.length === 0) return out;
  if (codings.length > MAX_CODINGS) {
    throw new TransportError(`the body is encoded ${codings.length} times (Content-Encoding), more than the ${MAX_CODINGS} layers decoded`, 'decode');
  }
  // Loaded for the first encoded body only: node:zlib takes ~3 ms to load.
  const zlib = process.getBuiltinModule('node:zlib');
  const run = (fn: typeof zlib.gunzip, input: Buffer) =>
    new Promise<Buffer>((resolve, reject) => fn(input, { maxOutputLength }, (err, result) => (err ? reject(err) : resolve(result))));
  try {
    // Codings are listed in the order they were applied: undo them last-first.
    for (const coding of codings.reverse()) {
      signal.throwIfAborted(); // the request's deadline passed while decoding
      if (coding === 'gzip' || coding === 'x-gzip') out = await run(zlib.gunzip, out);
      else if (coding === 'deflate') out = await run(zlib.inflate, out);
      else if (coding === 'br') out = await run(zlib.brotliDecompress as typeof zlib.gunzip, out);
      else throw new TransportError(`unsupported content-encoding "${coding}"`, 'decode');
    }
  } catch (err) {
    if (err instanceof TransportError || signal.aborted) throw err;
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
