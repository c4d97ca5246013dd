// The one shape of the three embedded reference servers (NanoGPT, OpenAI, codex-lb). A server is
// its documented behaviour: how it reads a caller, a path table of routes and its reply builders.
// This module does the rest the same way for all three: listening on loopback, counting requests,
// the first N answered 429, routing, method handling, and applying deliberate breaks. A break is
// data kept with the kill matrix (src/reference/breaks/): a few declared hooks (`BreakHooks`), so
// no route knows about breaks.
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { listenOn } from './loopback.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request as the server reads it. `query`, `caller` and `params` are its reading (a break's `read` may change it); `url` and `sent` are as sent. */
export interface Asked<C> {
  /** 1-based number of this request since the server started. */
  n: number;
  method: string;
  /** url.pathname. */
  path: string;
  url: URL;
  sent: IncomingHttpHeaders;
  query: URLSearchParams;
  caller: C;
  /** The trailing path parameter of a `/prefix/{name}` route, as sent (still percent-encoded). */
  params: Record<string, string>;
}

/** The decision points a deliberate break may change; every hook is optional. */
export interface BreakHooks<C, M = never, L = never> {
  /** How the server reads the request: rewrite `asked.query`, `asked.caller` or `asked.params`. */
  read?(asked: Asked<C>): void;
  /** Answer instead of the route (a wrong status); `serve` answers another request as the server would. */
  answer?(asked: Asked<C>, serve: (asked: Asked<C>) => Reply): Reply | undefined;
  /** The models a list shows, given the documented ones (before any ordering). */
  models?(models: M[], list: L): M[];
  /** One rendered item of a list, changed in place. */
  item?(item: Record<string, unknown>, at: { model: M; index: number; count: number; list: L }): void;
  /** The reply as it is about to be written: change it in place, or return another. */
  reply?(reply: Reply, asked: Asked<C>): Reply | void;
  /** Answer at least this many first requests 429, so that `reply` can show how it gets them wrong. */
  rateLimitFirst?: number;
}

/** A deliberately broken behaviour: the documented statement it breaks, the checks that must catch it, and its hooks. */
export interface Break<C, M = never, L = never> extends BreakHooks<C, M, L> {
  description: string;
  /** Ledger statement id (suites/ledger/*.ts), e.g. 'ngm.12'. */
  rule: string;
  kills: readonly string[];
}

/** What a route may ask of the active breaks. */
export interface Active<M, L> {
  models(models: M[], list: L): M[];
  item(item: Record<string, unknown>, model: M, index: number, count: number, list: L): Record<string, unknown>;
}

export type Route<C, M, L> = (asked: Asked<C>, breaks: Active<M, L>) => Reply;

export interface ServerShape<C, M, L> {
  apiKey: string;
  /** Exact paths, or a `/prefix/{name}` entry for a trailing parameter (matched on the raw path). */
  routes: Readonly<Record<string, Route<C, M, L>>>;
  classify(headers: IncomingHttpHeaders): C;
  notFound(asked: Asked<C>): Reply;
  /** Every route is GET; OPTIONS goes to `preflight` when there is one. */
  methodNotAllowed(asked: Asked<C>): Reply;
  failed(err: unknown): Reply;
  preflight?(asked: Asked<C>): Reply;
  /** Methods are answered on every path, known or not (NanoGPT's CORS preflight); otherwise unknown paths are 404 first. */
  methodsFirst?: boolean;
  rateLimited?(asked: Asked<C>): Reply;
  /** A documented refusal before any route (e.g. a missing key). */
  gate?(asked: Asked<C>): Reply | undefined;
}

export interface RunningReferenceServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  apiKey: string;
  requestCount(): number;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Default 0 = ephemeral. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Answer the first N requests 429 (the server's documented rate-limit reply). Default 0. */
  rateLimitFirst?: number;
}

/** The bearer token of a request: undefined without an Authorization: Bearer header. */
export function bearerOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  const m = typeof auth === 'string' ? /^Bearer\s+(.*)$/i.exec(auth.trim()) : null;
  return m ? (m[1] ?? '').trim() : undefined;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** The named breaks of `table`, or an error naming the unknown one. */
export function chosenBreaks<B>(names: readonly string[] | undefined, table: Readonly<Record<string, B>>, what: string): B[] {
  return (names ?? []).map((name) => {
    if (!Object.prototype.hasOwnProperty.call(table, name)) throw new Error(`unknown ${what} break: ${String(name)}`);
    return table[name]!;
  });
}

export function nonNegativeInteger(key: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a non-negative integer, got ${n}`);
  return n;
}

function activeOf<C, M, L>(breaks: readonly BreakHooks<C, M, L>[]): Active<M, L> {
  return {
    models: (models, list) => breaks.reduce((ms, b) => (b.models ? b.models(ms, list) : ms), models),
    item: (item, model, index, count, list) => {
      for (const b of breaks) b.item?.(item, { model, index, count, list });
      return item;
    },
  };
}

function routeOf<C, M, L>(shape: ServerShape<C, M, L>, url: URL, target: string): { route: Route<C, M, L>; params: Record<string, string> } | undefined {
  const raw = target.split('?')[0]!;
  for (const [key, route] of Object.entries(shape.routes)) {
    const m = /^(.*\/)\{(\w+)\}$/.exec(key);
    if (m && raw.startsWith(m[1]!) && raw.length > m[1]!.length) return { route, params: { [m[2]!]: raw.slice(m[1]!.length) } };
  }
  const exact = shape.routes[url.pathname];
  return exact ? { route: exact, params: {} } : undefined;
}

/** Starts `shape` with `breaks` on loopback: each request is read, routed and answered, then the breaks' `reply` hooks run. */
export async function startServer<C, M, L>(shape: ServerShape<C, M, L>, breaks: readonly BreakHooks<C, M, L>[], opts: ListenOptions): Promise<RunningReferenceServer> {
  const active = activeOf(breaks);
  const limit = Math.max(nonNegativeInteger('rateLimitFirst', opts.rateLimitFirst ?? 0), ...breaks.map((b) => b.rateLimitFirst ?? 0));
  let count = 0;

  const serve = (a: Asked<C>): Reply => (shape.routes[a.path] ? shape.routes[a.path]!(a, active) : shape.notFound(a));

  /** In order: the first N get 429, unknown paths 404 (after the methods with `methodsFirst`), the breaks' reading, methods, the gate, the breaks' answers, the route. */
  const respond = (asked: Asked<C>, found: ReturnType<typeof routeOf<C, M, L>>): Reply => {
    if (asked.n <= limit && shape.rateLimited) return shape.rateLimited(asked);
    if (!found && !shape.methodsFirst) return shape.notFound(asked);
    asked.params = found?.params ?? {};
    for (const b of breaks) b.read?.(asked);
    if (asked.method === 'OPTIONS' && shape.preflight) return shape.preflight(asked);
    if (asked.method !== 'GET') return shape.methodNotAllowed(asked);
    if (!found) return shape.notFound(asked);
    const refused = shape.gate?.(asked);
    if (refused) return refused;
    for (const b of breaks) {
      const early = b.answer?.(asked, serve);
      if (early) return early;
    }
    return found.route(asked, active);
  };

  const server = http.createServer((req, res) => {
    const n = ++count;
    let asked: Asked<C> | undefined;
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://reference.invalid');
      asked = { n, method: req.method ?? 'GET', path: url.pathname, url, sent: req.headers, query: new URLSearchParams(url.search), caller: shape.classify(req.headers), params: {} };
      reply = respond(asked, routeOf(shape, url, req.url ?? '/'));
    } catch (err) {
      reply = shape.failed(err);
    }
    if (asked) for (const b of breaks) reply = b.reply?.(reply, asked) ?? reply;
    const headers: Record<string, string | number> = { ...reply.headers };
    if (reply.status !== 204) headers['content-length'] = Buffer.byteLength(reply.body);
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  });

  const listening = await listenOn(server, opts);
  return { url: listening.url, port: listening.port, apiKey: shape.apiKey, requestCount: () => count, close: listening.close };
}
