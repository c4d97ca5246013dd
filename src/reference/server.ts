// Embedded NanoGPT reference server: plain node:http, loopback only, deterministic data. It does
// what the documents say and nothing else: routes in nanogpt-routes.ts, vocabulary in
// nanogpt-http.ts, the shared shape in serve.ts. `breaks` switch on deliberately wrong behaviours,
// each a declared entry beside the kill matrix (breaks.ts, breaks/nanogpt-*.ts).
import { BREAKS, type BreakName } from './breaks.js';
import { TEXT_MODELS, syntheticTextModels, visibleModels, type TextModel } from './data.js';
import {
  CORS,
  ERROR_CACHE,
  REFERENCE_API_KEY,
  callerOf,
  jsonReply,
  methodNotAllowed,
  notFound,
  serverError,
  type Caller,
  type TextList,
} from './nanogpt-http.js';
import { nanogptRoutes } from './nanogpt-routes.js';
import { chosenBreaks, nonNegativeInteger, startServer, type Reply, type RunningReferenceServer } from './serve.js';

export type { BreakName } from './breaks.js';
export type { RunningReferenceServer } from './serve.js';
export { REFERENCE_API_KEY } from './nanogpt-http.js';

export interface ReferenceServerOptions {
  /** Default 0 = ephemeral. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Deliberately broken behaviours (see breaks.ts). */
  breaks?: readonly BreakName[];
  /** Append N synthetic text models (large-catalogue benchmarks). Default 0. */
  extraModels?: number;
  /** Answer the first N requests with 429 (Retry-After: 0, documented body). Default 0. */
  rateLimitFirst?: number;
}

/** CORS preflight: GET with either key header is allowed from any origin. */
function preflight(): Reply {
  return {
    status: 204,
    headers: {
      ...CORS,
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-allow-headers': 'Authorization, x-api-key, Content-Type',
      'access-control-max-age': '600',
    },
    body: '',
  };
}

/** "In overload scenarios you may receive 429 with: { "code": "rate_limited", "message": ... }". */
function rateLimited(): Reply {
  return jsonReply(429, { code: 'rate_limited', message: 'Rate limit exceeded' }, { ...ERROR_CACHE, 'retry-after': '0' });
}

export async function startReferenceServer(opts: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  const breaks = chosenBreaks(opts.breaks, BREAKS, 'reference-server');
  const all = [...TEXT_MODELS, ...syntheticTextModels(nonNegativeInteger('extraModels', opts.extraModels ?? 0))];
  return startServer<Caller, TextModel, TextList>(
    {
      apiKey: REFERENCE_API_KEY,
      routes: nanogptRoutes(all, visibleModels(all)),
      classify: callerOf,
      notFound: (asked) => notFound(asked.path),
      methodNotAllowed: (asked) => methodNotAllowed(asked.method),
      failed: (err) => serverError(`Reference server error: ${String(err)}`),
      preflight,
      methodsFirst: true,
      rateLimited,
    },
    breaks,
    { port: opts.port, host: opts.host, rateLimitFirst: nonNegativeInteger('rateLimitFirst', opts.rateLimitFirst ?? 0) },
  );
}
