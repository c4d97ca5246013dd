/**
 * The one way a test starts a server on 127.0.0.1: `serve(handler)` (HTTPS with `{ tls }`), or
 * `serve(startX(...))` for anything already started that has a close(): a reference server, a
 * replay, an oddity front, a hostile server. Every server served is closed after the test file
 * (afterAll); closing one earlier is fine, close() may be called any number of times.
 *
 * `listen` is what the builders of particular servers (hostile-servers.ts, replay-server.ts,
 * oddity-servers.ts) start theirs with; tests pass those builders to `serve`.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Arrival, epoch ms. */
  at: number;
}

export interface TestServer {
  url: string;
  port: number;
  /** Every request that reached it, in order. */
  requests: Recorded[];
  /** Most connections open at once. */
  peakConnections(): number;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
export interface Tls {
  key: Buffer;
  cert: Buffer;
}

interface Closable {
  close(): Promise<void>;
}

const served: Closable[] = [];
// Registered once per test file: vitest loads this module afresh for each file (pool: forks).
afterAll(async () => {
  await Promise.all(served.splice(0).map((s) => s.close()));
});

/** Starts an HTTP(S) server on `handler`, or takes one already started; either is closed after the test file. */
export function serve(handler: Handler, opts?: { tls?: Tls }): Promise<TestServer>;
export function serve<T extends Closable>(started: Promise<T>): Promise<T>;
export async function serve(what: Handler | Promise<Closable>, opts: { tls?: Tls } = {}): Promise<Closable> {
  const started = typeof what === 'function' ? await listen(what, opts.tls) : await what;
  const close = started.close.bind(started);
  let closing: Promise<void> | undefined;
  started.close = () => (closing ??= close());
  served.push(started);
  return started;
}

/** An HTTP (or, with `tls`, HTTPS) server recording each request; its open sockets are destroyed on close. Not closed by itself: tests use `serve`. */
export async function listen(handler: Handler, tls?: Tls): Promise<TestServer> {
  const requests: Recorded[] = [];
  const onRequest: Handler = (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, at: Date.now() });
    res.on('error', () => undefined); // the client hanging up mid-body is an expected ending
    handler(req, res);
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  return track(server, requests, tls ? 'https' : 'http');
}

/** Listens on a free 127.0.0.1 port: any net.Server (a raw TCP one too), counting connections and closing them all on close. */
export async function track(server: net.Server, requests: Recorded[] = [], scheme = 'http'): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  let peak = 0;
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    peak = Math.max(peak, sockets.size);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined); // a client refusing our certificate
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    peakConnections: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await listen(() => undefined);
  await s.close();
  return s.port;
}

/** Answers every request with a model list whose ids, headers and body echo the credentials it was sent. */
export function echoingHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const auth = String(req.headers.authorization ?? '');
  const key = String(req.headers['x-api-key'] ?? '');
  const echo = `${auth}|${key}`;
  res.writeHead(req.url?.startsWith('/api/personalized') ? 401 : 200, {
    'content-type': 'application/json',
    'x-echo-auth': echo,
  });
  res.end(JSON.stringify({ object: 'list', data: [{ id: `echo ${echo}`, object: 'model', created: 'not-a-number', owned_by: echo }], echo }));
}
