/**
 * The HTTP layer, injectable: the engine talks to an HttpClient, the CLI builds Node's own one
 * (node:http / node:https, keep-alive). Bodies are capped while they stream and decoded (gzip,
 * deflate, br) under the same cap. node:http rather than undici: it is Node's public client,
 * loads nothing of its own, and it parses any 1xx before the final response as RFC 9110 §15.2
 * asks (docs/performance.md, "The transport").
 */
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';

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

export interface HttpClientOptions {
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

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const largeBodies = slots(LARGE_BODY_SLOTS);
  // Requests queue here for one of the connections, so --timeout measures the server, not the queue.
  const connections = slots(options.connections ?? 8);
  const agents = agentsFor(options);
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
      const sent: { request?: ClientRequest } = {};
      // The request is ended by destroying it rather than through a `signal` option: that one
      // costs an abort listener and a stream watcher per request (bench/).
      const timer = setTimeout(() => {
        abort.abort();
        sent.request?.destroy(abort.signal.reason as Error);
      }, timeoutMs);
      let holdsSlot = false;
      try {
        const res = await exchange(req, agents, sent);
        // A body declared over the cap is refused before a byte of it is read.
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > opts.maxBodyBytes) {
          abort.abort();
          res.destroy();
          throw new TransportError(`response body declares ${declared} bytes (Content-Length), over the ${opts.maxBodyBytes}-byte limit (--max-body-size)`, 'too-large');
        }
        const raw = await readBody(res, opts.maxBodyBytes, abort, async () => {
          await largeBodies.acquire(abort.signal);
          holdsSlot = true;
        });
        const headers = flattenHeaders(res.headersDistinct);
        // Decoding can turn a few KB into --max-body-size: an encoded body decodes in a slot too.
        if (!holdsSlot && headers['content-encoding'] !== undefined) {
          await largeBodies.acquire(abort.signal);
          holdsSlot = true;
        }
        return { status: res.statusCode ?? 0, headers, body: await decode(Buffer.concat(raw), headers['content-encoding'], opts.maxBodyBytes, abort.signal) };
      } catch (err) {
        const socket = sent.request?.socket;
        const connecting = !socket || socket.connecting;
        const failure = toTransportError(err, abort.signal.aborted, connecting, opts);
        if (failure.kind === 'timeout' && cutByDeadline) throw new TransportError(`${MAX_TIME_EXCEEDED} before the response was complete`, 'timeout');
        throw failure;
      } finally {
        clearTimeout(timer);
        if (holdsSlot) largeBodies.release();
        connections.release();
      }
    },
    async close() {
      agents.http?.destroy();
      agents.https?.destroy();
    },
  };
}

/** @deprecated the old name of createHttpClient, kept while branches merge. */
export const createUndiciClient = createHttpClient;
export type UndiciClientOptions = HttpClientOptions;

interface Agents {
  http?: Agent;
  https?: Agent;
  options: HttpClientOptions;
}

/** One keep-alive agent per scheme, made on first use: node:https (and TLS) loads only for an https target. */
function agentsFor(options: HttpClientOptions): Agents {
  return { options };
}

function agentOf(agents: Agents, secure: boolean): { agent: Agent; request: (url: URL, o: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest } {
  const mod = process.getBuiltinModule(secure ? 'node:https' : 'node:http') as typeof import('node:https');
  const key = secure ? 'https' : 'http';
  agents[key] ??= new mod.Agent({
    keepAlive: true,
    maxSockets: agents.options.connections ?? 8,
    ...(secure ? { rejectUnauthorized: !agents.options.insecure } : {}),
  });
  return { agent: agents[key]!, request: mod.request };
}

/** Sends the request; resolves with the final response (node:http skips any 1xx before it). */
function exchange(req: HttpRequest, agents: Agents, sent: { request?: ClientRequest }): Promise<IncomingMessage> {
  const url = new URL(req.url);
  const { agent, request } = agentOf(agents, url.protocol === 'https:');
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: req.method, headers: req.headers, agent }, (res) => {
      // Errors after this point reach the body loop, which listens itself; this one only keeps
      // a response abandoned early (a body over the cap) from raising an unhandled 'error'.
      res.on('error', () => {});
      resolve(res);
    });
    sent.request = outgoing;
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * The body's chunks, under the cap. Events rather than `for await`: the async iterator costs
 * about as much again per response (bench/). Past LARGE_BODY the stream pauses until
 * `holdLargeSlot` resolves. A socket closed before the end rejects as a reset.
 */
function readBody(res: IncomingMessage, maxBodyBytes: number, abort: AbortController, holdLargeSlot: () => Promise<void>): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const raw: Buffer[] = [];
    let size = 0;
    let large = false;
    const fail = (err: unknown) => {
      reject(err);
      res.destroy();
    };
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        abort.abort();
        fail(new TransportError(`response body exceeded the ${maxBodyBytes}-byte limit (--max-body-size)`, 'too-large'));
        return;
      }
      raw.push(chunk);
      if (!large && size > LARGE_BODY) {
        large = true;
        res.pause();
        holdLargeSlot().then(() => res.resume(), fail);
      }
    });
    res.on('end', () => resolve(raw));
    res.on('error', reject);
    // Without 'end': the connection closed (or was aborted) before the last byte.
    res.on('close', () => {
      if (res.complete) return;
      reject(abort.signal.aborted ? abort.signal.reason : new TransportError('connection closed by the server before the response was complete', 'reset'));
    });
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

/** Repeated fields joined with ", " (RFC 9110 §5.3), names lower-case. */
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

function toTransportError(err: unknown, aborted: boolean, connecting: boolean, opts: SendOptions): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { code?: string; message?: string; reason?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (aborted) {
    // The timer ended a connection that was never made: a slow connect, not a slow response.
    if (connecting) return new TransportError(`could not connect within ${opts.timeoutMs} ms (--timeout)`, 'connect');
    return new TransportError(`no complete response within ${opts.timeoutMs} ms (--timeout)`, 'timeout');
  }
  if (code === 'ECONNREFUSED') return new TransportError('connection refused', 'connect');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError(`host not found (${code})`, 'connect');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new TransportError(`host unreachable (${code})`, 'connect');
  if (/CERT|SSL|TLS/i.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TransportError(`TLS certificate rejected (${code}); pass --insecure to accept it`, 'tls');
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new TransportError('connection closed by the server before the response was complete', 'reset');
  }
  // llhttp, the parser node:http uses, names its errors HPE_*.
  if (code.startsWith('HPE_')) {
    return new TransportError(`the server sent a malformed HTTP response (${e.reason ?? e.message ?? code})`, 'other');
  }
  return new TransportError(`request failed: ${code ? code + ' ' : ''}${e.message ?? String(err)}`.trim(), 'other');
}
