/**
 * Misbehaving servers on 127.0.0.1 for test/hostile.test.ts: each does one hostile thing for
 * real (over a socket), records what reached it, and closes everything it opened. Tests start
 * them with `serve(...)` (servers.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { listen, track, type TestServer } from './servers.js';

/** A hostile server is a test server (servers.ts); some add counters of their own. */
export type Hostile = TestServer;

/** Accepts TCP connections and never sends a byte. */
export async function hangingServer(): Promise<Hostile & { connections(): number }> {
  let connections = 0;
  const server = net.createServer(() => connections++);
  const h = await track(server, [], 'http');
  return { ...h, connections: () => connections };
}

/** Answers every connection with bytes that are not HTTP. */
export async function garbageServer(): Promise<Hostile> {
  const server = net.createServer((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')));
  return track(server, [], 'http');
}

/** Sends 200 and its headers at once, then the body one byte per `everyMs`. Counts bytes sent. */
export async function drippingServer(everyMs: number): Promise<Hostile & { bytesSent(): number }> {
  let sent = 0;
  const body = '{"object":"list","data":[' + ' '.repeat(10_000);
  const h = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    let i = 0;
    const timer = setInterval(() => {
      res.write(body[i++ % body.length]!);
      sent++;
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  });
  return { ...h, bytesSent: () => sent };
}

/** A body that never ends, written as fast as the client reads; `claim` sets a Content-Length. */
export async function endlessServer(claim?: number): Promise<Hostile> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(claim ? { 'content-length': String(claim) } : {}) });
    res.write('{"object":"list","data":[');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on('drain', pump);
    pump();
  });
}

/** A small gzip body that inflates to `inflated` bytes. */
export async function gzipBombServer(inflated: number): Promise<Hostile> {
  const bomb = gzipSync(Buffer.alloc(inflated, 0x20), { level: 9 });
  return listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
    res.end(bomb);
  });
}

/** Promises a 100 kB body, sends part of it, then resets the connection. */
export async function resettingServer(): Promise<Hostile> {
  return listen((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write('{"object":"list","data":[{"id":"gpt-');
    setTimeout(() => req.socket.resetAndDestroy(), 20);
  });
}

/** Always answers 200 with this body, as JSON. */
export async function fixedBodyServer(body: string | Buffer, status = 200, headers: Record<string, string> = {}): Promise<Hostile> {
  return listen((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  });
}

/** A model list with one item carrying `depth` nested arrays (or just the nesting, bare). */
export function nestedBody(depth: number, bare = false): string {
  const deep = '['.repeat(depth) + ']'.repeat(depth);
  return bare ? deep : `{"object":"list","data":[{"id":"m","object":"model","created":1700000000,"owned_by":"x","extra":${deep}}]}`;
}

/** Every request is answered 429 with the documented body and this Retry-After. */
export async function rateLimitingServer(retryAfter: string): Promise<Hostile> {
  return fixedBodyServer(JSON.stringify({ code: 'rate_limited', message: 'Rate limit exceeded' }), 429, { 'retry-after': retryAfter });
}

/**
 * Forwards every request to `target` (the reference server), optionally after a delay, over
 * HTTP or HTTPS; `rewrite` maps the incoming path first (or answers the request itself).
 */
export async function proxyServer(target: string, opts: { delayMs?: number; tls?: { key: Buffer; cert: Buffer }; rewrite?: (req: http.IncomingMessage, res: http.ServerResponse) => string | undefined } = {}): Promise<Hostile> {
  return listen((req, res) => {
    const forward = () => {
      const path = opts.rewrite ? opts.rewrite(req, res) : req.url;
      if (path === undefined) return; // answered by rewrite
      const upstream = http.request(`${target}${path}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end();
    };
    if (opts.delayMs) {
      const timer = setTimeout(forward, opts.delayMs);
      res.on('close', () => clearTimeout(timer));
    } else forward();
  }, opts.tls);
}

/** A throw-away self-signed certificate for 127.0.0.1 / localhost, made with openssl. */
export function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'conformance-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
