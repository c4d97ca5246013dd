/**
 * Keys on GET /v1/models. OpenAI requires a bearer key everywhere; a server that runs without
 * auth is conformant when no key is given, so the 401 checks run only when CONFORMANCE_API_KEY is
 * set. The envelope checks judge every 401 the run met, key or no key.
 */
import { checks, ref } from '../define.js';
import { expectStatus, pass, skip } from '../../src/core/expect.js';
import { KEY_ENV } from '../../src/core/engine.js';
import type { CheckContext, Exchange, Verdict } from '../../src/core/types.js';
import { expectErrorBody } from '../common.js';
import { invalidKey, noKey } from './requests.js';
import { SPEC } from './models-list.js';

const AUTH_RULING = `OpenAI puts every operation under the bearer ApiKeyAuth scheme and answers 401 for a missing or wrong key. Servers that run without auth are conformant when no key is given, so these checks need ${KEY_ENV}: giving a key says the server is meant to enforce it.`;

function rejects(spec: typeof noKey, what: string) {
  return async (ctx: CheckContext): Promise<Verdict> => {
    const ex = await ctx.exchange(spec);
    expectStatus(ex, 401, `${what} must be refused once the server is run with keys (${KEY_ENV} is set); a server meant to run without auth is checked without ${KEY_ENV}`);
    return pass(`${what}: 401`, [ex]);
  };
}

/** Every 401 the run met, on any path, with or without a key (the envelope checks run late). */
function unauthorized(ctx: CheckContext): Exchange[] {
  return ctx.exchangesSoFar().filter((ex) => ex.response?.status === 401);
}

function envelope(schemaRef: string, shape: string) {
  return async (ctx: CheckContext): Promise<Verdict> => {
    const exs = unauthorized(ctx);
    if (exs.length === 0) return skip('no 401 was met during the run: no error body to check');
    for (const ex of exs) expectErrorBody(ex, schemaRef, shape);
    return pass(`${exs.length} 401 answers met, each ${shape}`, exs);
  };
}

export const authChecks = checks('auth', [
  {
    id: 'OAI-AUTH-01',
    title: 'Without a key, GET /v1/models answers 401 (when the server is run with keys)',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SPEC, 'security', '"security": [ { "ApiKeyAuth": [] } ]', AUTH_RULING),
    run: rejects(noKey, 'no key'),
  },
  {
    id: 'OAI-AUTH-02',
    title: 'With a wrong key, GET /v1/models answers 401 (when the server is run with keys)',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SPEC, 'security', '"security": [ { "ApiKeyAuth": [] } ]', AUTH_RULING),
    run: rejects(invalidKey, 'a wrong Bearer key'),
  },
]);

export const errorChecks = checks('errors', [
  {
    id: 'OAI-ERR-01',
    title: 'Every 401 met during the run is an error envelope {"error": {"message": ...}}',
    level: 'MUST',
    late: true,
    reference: ref(SPEC, 'ErrorResponse', '"required": [ "error" ]',
      'OpenAI clients read error.message from the envelope; the lenient form (docs/rulings.md#openai-error-envelope) is the MUST, the full four-field Error is OAI-ERR-02. Every 401 the run met is judged, with or without a key: a keyless run against a server that wants one still checks the body it was refused with.'),
    run: envelope('common/openai-error.schema.json', 'an error envelope {"error": {"message": ...}}'),
  },
  {
    id: 'OAI-ERR-02',
    title: 'Every 401 met during the run carries the full OpenAI Error: type, message, param and code (string or null)',
    level: 'SHOULD',
    late: true,
    reference: ref(SPEC, 'Error', '"required": [ "type", "message", "param", "code" ]',
      'The spec requires all four; clients (openai-node) tolerate missing ones, and servers in the wild omit param or send an integer code, so this is a SHOULD.'),
    run: envelope('openai/error.schema.json', 'a full OpenAI error {"error": {"message", "type", "param", "code"}}'),
  },
]);
