/**
 * The front every conforming oddity runs behind (test/oddity-servers.ts): a server on 127.0.0.1
 * that forwards each request to a real reference server and reshapes the answer as the oddity
 * says (body rewrite, compression, chunking, headers).
 */
import http from 'node:http';
import { listen } from './servers.js';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { startReferenceServer, type ReferenceServerOptions } from '../src/reference/server.js';
import type { ExchangeResponse } from '../src/core/types.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FrontContext {
  path: string;
  /** The query string as received, `?` included (or empty). */
  search: string;
  request: http.IncomingHttpHeaders;
}

export interface Oddity {
  name: string;
  why: string;
  /** The reference behind the front. */
  upstream?: ReferenceServerOptions;
  /** Rewrites the path and query sent upstream. */
  path?: (pathAndQuery: string) => string;
  /** Rewrites a JSON body (parsed). */
  json?: (body: unknown, answer: Answer, ctx: FrontContext) => unknown;
  /** Serialises the JSON body again (default JSON.stringify). */
  serialize?: (body: unknown) => string;
  /** Rewrites the headers, after the body. */
  headers?: (answer: Answer, ctx: FrontContext) => void;
  encoding?: 'gzip' | 'br' | 'deflate';
  /** No Content-Length: Transfer-Encoding: chunked, written in pieces. */
  chunked?: boolean;
  /**
   * Per-request client timeout. The timeout also runs while a request waits for one of the
   * client's 8 connections, so dozens of multi-megabyte answers from one single-threaded server
   * need more than the tests' default 5 s: a slow server is not a broken one.
   */
  timeoutMs?: number;
  /** True when the responses the suite received (429s included) show the oddity: proof it was on the wire. */
  seen: (responses: ExchangeResponse[]) => boolean;
}

export interface RunningOddity {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding'];

function forward(upstream: URL, req: http.IncomingMessage, path = req.url): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' };
    const out = http.request({ host: upstream.hostname, port: upstream.port, path, method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_BY_HOP.includes(k)) h[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end();
  });
}

function encode(body: Buffer, encoding: Oddity['encoding']): Buffer {
  if (encoding === 'gzip') return gzipSync(body);
  if (encoding === 'br') return brotliCompressSync(body);
  if (encoding === 'deflate') return deflateSync(body);
  return body;
}

/** Starts the reference (with `oddity.upstream`) and the front before it. */
export async function startOddity(oddity: Oddity): Promise<RunningOddity> {
  const ref = await startReferenceServer(oddity.upstream);
  const upstream = new URL(ref.url);
  const front = await listen((req, res) => {
    const received = new URL(req.url ?? '/', 'http://front.invalid');
    const ctx: FrontContext = { path: received.pathname, search: received.search, request: req.headers };
    forward(upstream, req, oddity.path?.(req.url ?? '/') ?? req.url)
      .then((answer) => {
        if (oddity.json && /json/i.test(answer.headers['content-type'] ?? '') && answer.body) {
          answer.body = (oddity.serialize ?? JSON.stringify)(oddity.json(JSON.parse(answer.body), answer, ctx));
        }
        oddity.headers?.(answer, ctx);
        let body: Buffer = Buffer.from(answer.body, 'utf8');
        const accepts = String(req.headers['accept-encoding'] ?? '').toLowerCase();
        if (oddity.encoding && body.length > 0 && accepts.includes(oddity.encoding)) {
          body = encode(body, oddity.encoding);
          answer.headers['content-encoding'] = oddity.encoding;
          answer.headers.vary = answer.headers.vary ? `${answer.headers.vary}, Accept-Encoding` : 'Accept-Encoding';
        }
        if (oddity.chunked) {
          res.writeHead(answer.status, answer.headers);
          const third = Math.ceil(body.length / 3);
          for (let i = 0; i < body.length; i += third) res.write(body.subarray(i, i + third));
          res.end();
        } else {
          res.writeHead(answer.status, { ...answer.headers, ...(answer.status === 204 ? {} : { 'content-length': body.length }) });
          res.end(body);
        }
      })
      .catch((err: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`front: ${String(err)}`);
      });
  });
  return {
    url: front.url,
    apiKey: ref.apiKey,
    close: async () => {
      await front.close();
      await ref.close();
    },
  };
}
