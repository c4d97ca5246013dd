/**
 * Replays recorded material on 127.0.0.1: each route answers one request shape with a fixture's
 * bytes as they are. Requests no route covers answer 404 and are recorded, so a test can prove
 * that the checks it ran only saw replayed answers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { locate } from './paths.js';
import { listen, type TestServer } from './servers.js';

export { SOURCES_DIR as SEEDS_DIR } from './paths.js';
export const REPLAY_KEY = 'sk-replay-0123456789abcdef';

export interface Route {
  method?: 'GET' | 'OPTIONS';
  path: string;
  /** The exact query (any order); absent: no query at all. */
  query?: Record<string, string>;
  /** Which credential the request must carry; default any. */
  auth?: 'valid' | 'not-valid' | 'any';
  status?: number;
  /** Default: Content-Type application/json (the vendor examples come without headers). */
  headers?: Record<string, string>;
  body: string;
  /** Answer this many times at most (a 429 before the real answer). */
  times?: number;
  /** Echo the request Origin in Access-Control-Allow-Origin, as the captured server did. */
  echoOrigin?: boolean;
}

export function readReal(file: string): string {
  return readFileSync(locate(file), 'utf8');
}

/** A captured `curl -D` header dump: status and headers, minus the framing ones we set ourselves. */
export function capturedHeaders(file: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = readReal(file).split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim().toLowerCase();
    if (!['content-length', 'keep-alive', 'connection', 'transfer-encoding'].includes(name)) headers[name] = line.slice(at + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
}

/** The first complete JSON value in a text (the seed pages carry their examples inline), verbatim. */
export function firstJsonBlock(text: string): string {
  const start = text.search(/^\{/m);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('no complete JSON block');
}

function keyOf(req: http.IncomingMessage): string | undefined {
  const auth = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? '').trim());
  return auth?.[1] ?? (typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined);
}

function matches(route: Route, req: http.IncomingMessage, url: URL): boolean {
  if ((route.method ?? 'GET') !== req.method || route.path !== url.pathname) return false;
  const want = Object.entries(route.query ?? {}).sort().join('&');
  if ([...url.searchParams.entries()].sort().join('&') !== want) return false;
  const valid = keyOf(req) === REPLAY_KEY;
  return route.auth === undefined || route.auth === 'any' || (route.auth === 'valid') === valid;
}

export interface ReplayServer extends TestServer {
  /** Requests no route answered. */
  unmatched: string[];
}

export async function startReplay(routes: Route[]): Promise<ReplayServer> {
  const used = new Map<Route, number>();
  const unmatched: string[] = [];
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay.invalid');
    const route = routes.find((r) => matches(r, req, url) && (r.times === undefined || (used.get(r) ?? 0) < r.times));
    if (!route) {
      unmatched.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"nothing replayed here"}}');
      return;
    }
    used.set(route, (used.get(route) ?? 0) + 1);
    const headers = { ...(route.headers ?? { 'content-type': 'application/json' }) };
    if (route.echoOrigin && typeof req.headers.origin === 'string') headers['access-control-allow-origin'] = req.headers.origin;
    res.writeHead(route.status ?? 200, { ...headers, 'content-length': Buffer.byteLength(route.body) });
    res.end(route.body);
  });
  return { ...server, unmatched };
}
