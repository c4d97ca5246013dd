/**
 * The HTTP layer, injectable: the engine talks to an HttpClient, the CLI builds Node's own one
 * (node:http / node:https, keep-alive). Bodies are capped while they stream and decoded (gzip,
 * deflate, br) under the same cap. node:http rather than undici: it is Node's public client,
 * loads nothing of its own, and it parses any 1xx before the final response as RFC 9110 §15.2
 * asks (docs/performance.md, "The transport").
 */
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { LARGE_BODY, LARGE_BODY_BUDGET, budget, decode, readBody, type Budget } from './http-body.js';
import { MAX_TIME_EXCEEDED, TransportError, toTransportError } from './transport-error.js';

export { MAX_TIME_EXCEEDED, TransportError } from './transport-error.js';
export { MAX_CODINGS } from './http-body.js';

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

export interface HttpClientOptions {
  /** Sockets per origin (keep-alive, reused across checks). */
  connections?: number;
  /** Accept self-signed or otherwise untrusted TLS certificates. */
  insecure?: boolean;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  // Sized by the first request's --max-body-size (a run uses one).
  let largeBodies: Budget | undefined;
  // Requests queue here for one of the connections, so --timeout measures the server, not the queue.
  const connections = budget(options.connections ?? 8);
  const agents: Agents = { options };
  return {
    async send(req, opts) {
      largeBodies ??= budget(LARGE_BODY_BUDGET * opts.maxBodyBytes);
      await connections.acquire();
      try {
        return await sendOnOpenConnection(req, opts, agents, largeBodies);
      } finally {
        connections.release();
      }
    },
    async close() {
      agents.http?.destroy();
      agents.https?.destroy();
    },
  };
}

async function sendOnOpenConnection(req: HttpRequest, opts: SendOptions, agents: Agents, largeBodies: Budget): Promise<HttpResponse> {
  const left = opts.deadline === undefined ? Infinity : opts.deadline - Date.now();
  if (left <= 0) throw new TransportError(`${MAX_TIME_EXCEEDED}; request not sent`, 'timeout');
  const timeoutMs = Math.min(opts.timeoutMs, left);
  const abort = new AbortController();
  const sent: { request?: ClientRequest } = {};
  // The request is ended by destroying it rather than through a `signal` option: that one
  // costs an abort listener and a stream watcher per request (bench/).
  const timer = setTimeout(() => {
    abort.abort();
    sent.request?.destroy(abort.signal.reason as Error);
  }, timeoutMs);
  const share = { held: 0 };
  // Undefined when the body already holds its share: the stream then need not pause.
  const reserve = (bytes: number): Promise<void> | undefined =>
    share.held ? undefined : largeBodies.acquire(bytes, abort.signal).then(() => void (share.held = bytes));
  try {
    return await receive(await exchange(req, agents, sent), opts.maxBodyBytes, abort, reserve);
  } catch (err) {
    const socket = sent.request?.socket;
    const failure = toTransportError(err, abort.signal.aborted, !socket || socket.connecting, opts);
    if (failure.kind === 'timeout' && timeoutMs < opts.timeoutMs) throw new TransportError(`${MAX_TIME_EXCEEDED} before the response was complete`, 'timeout');
    throw failure;
  } finally {
    clearTimeout(timer);
    if (share.held) largeBodies.release(share.held);
  }
}

/**
 * The response's body under the caps, decoded. An encoded body reserves the whole cap before
 * its first byte, a large one of declared length its length; one of unknown length the whole cap
 * once past LARGE_BODY (http-body.ts).
 */
async function receive(res: IncomingMessage, maxBodyBytes: number, abort: AbortController, reserve: (bytes: number) => Promise<void> | undefined): Promise<HttpResponse> {
  // A body declared over the cap is refused before a byte of it is read.
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    abort.abort();
    res.destroy();
    throw new TransportError(`response body declares ${declared} bytes (Content-Length), over the ${maxBodyBytes}-byte limit (--max-body-size)`, 'too-large');
  }
  const encoded = res.headers['content-encoding'] !== undefined;
  if (encoded) await reserve(maxBodyBytes);
  else if (Number.isFinite(declared) && declared > LARGE_BODY) await reserve(declared);
  const raw = await readBody(res, maxBodyBytes, abort, () => reserve(maxBodyBytes));
  const headers = flattenHeaders(res.headersDistinct);
  return { status: res.statusCode ?? 0, headers, body: await decode(Buffer.concat(raw), headers['content-encoding'], maxBodyBytes, abort.signal) };
}

interface Agents {
  http?: Agent;
  https?: Agent;
  options: HttpClientOptions;
}

/** One keep-alive agent per scheme, made on first use: node:https (and TLS) loads only for an https target. */
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

/** Repeated fields joined with ", " (RFC 9110 §5.3), names lower-case. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

