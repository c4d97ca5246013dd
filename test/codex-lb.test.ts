/**
 * The codex-lb profile: its contract (OpenAPI + schemas), its reference server (clean, empty
 * registry, rate limited) passing every testable check, skips that name their prerequisite,
 * redaction of the restricted key, and the CLI (its broken variants: kill-matrix.test.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, schemaPathForId, validate } from '../src/contract/schemas.js';
import { PROFILES } from '../src/profiles.js';
import {
  CODEX_LB_RESTRICTED_KEY,
  CODEX_LB_RESTRICTED_SEES,
  startCodexLbReferenceServer,
} from '../src/reference/codex-lb-server.js';
import type { RunningServer } from '../src/reference/openai-server.js';
import { runCli, type CliIO } from '../src/cli/cli.js';
import { idsWith, runAgainst, statusOf, type RunAgainstOptions } from './helpers.js';
import { serve } from './servers.js';

const profile = PROFILES['codex-lb']!;
const MODELS_ENV = 'CONFORMANCE_RESTRICTED_MODELS';
const untestable = profile.checks.filter((c) => c.untestable).map((c) => c.id);

/** Every key the reference has: the main one, the restricted one and the ids it should see. */
function allKeys(server: RunningServer, extra: Partial<RunAgainstOptions> = {}): RunAgainstOptions {
  return { profile: 'codex-lb', apiKey: server.apiKey, restrictedKey: CODEX_LB_RESTRICTED_KEY, settings: { [MODELS_ENV]: CODEX_LB_RESTRICTED_SEES.join(',') }, ...extra };
}

async function withServer<T>(opts: Parameters<typeof startCodexLbReferenceServer>[0], fn: (s: RunningServer) => Promise<T>): Promise<T> {
  const server = await serve(startCodexLbReferenceServer(opts));
  return await fn(server);
}

describe('codex-lb contract', () => {
  const file = path.join(packageRoot(), 'openapi', 'codex-lb.openapi.json');
  const parserOptions = {
    resolve: {
      conformanceIds: { order: 1, canRead: (f: { url: string }) => schemaPathForId(f.url) !== undefined, read: (f: { url: string }) => readFile(schemaPathForId(f.url) as string) },
      http: false as const,
    },
  } as unknown as SwaggerParser.Options;

  it('openapi/codex-lb.openapi.json passes swagger-parser validate() with its schemas resolved (no network)', async () => {
    const api = await SwaggerParser.validate(file, parserOptions);
    expect(Object.keys(api.paths ?? {})).toEqual(['/v1/models']);
  });

  it('accepts the documented empty response and the real server\'s nulls and extras; rejects undocumented shapes', () => {
    expect(validate('codex-lb/models-list.schema.json', { object: 'list', data: [] })).toEqual([]);
    const metadata = {
      display_name: 'GPT-5.2', description: 'd', context_window: 0, input_modalities: ['text'], supported_reasoning_levels: [],
      default_reasoning_level: null, supports_reasoning_summaries: false, support_verbosity: false, default_verbosity: null,
      prefer_websockets: false, supports_parallel_tool_calls: false, supported_in_api: true, minimal_client_version: null, priority: 0,
      input_context_window: 272000, service_tiers: [],
    };
    const item = { id: 'gpt-5.2', object: 'model', created: 1795300000, owned_by: 'codex-lb', metadata, api_types: ['chat_completions'] };
    expect(validate('codex-lb/model.schema.json', item)).toEqual([]);
    expect(validate('codex-lb/model.schema.json', { ...item, owned_by: 'openai' })[0]?.keyword).toBe('const');
    expect(validate('codex-lb/model-metadata.schema.json', { ...metadata, priority: '1' })[0]?.pointer).toBe('/priority');
    expect(validate('codex-lb/error.schema.json', { error: { message: 'Invalid API key', type: 'authentication_error', code: 'invalid_api_key' } })).toEqual([]);
    expect(validate('codex-lb/error.schema.json', { detail: 'Not authenticated' }).length).toBeGreaterThan(0);
  });
});

describe('the codex-lb reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(startCodexLbReferenceServer());
  });

  it('passes every testable check with both keys and the expected ids, with no failure and no error', async () => {
    const result = await runAgainst(server.url, allKeys(server));
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(idsWith(result, 'error')).toEqual([]);
    // Only the untestable check and the 429 check (no 429 met) are skipped.
    expect(idsWith(result, 'skip').sort()).toEqual([...untestable, 'CLB-ERR-02'].sort());
  });

  it('without any key decides the 401 rules and skips the rest with the variable to set', async () => {
    const result = await runAgainst(server.url, { profile: 'codex-lb' });
    expect(idsWith(result, 'pass').sort()).toEqual(['CLB-AUTH-01', 'CLB-AUTH-02', 'CLB-ERR-01']);
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(result.results.find((r) => r.id === 'CLB-LIST-01')?.message).toMatch(/CONFORMANCE_API_KEY/);
    const filter = result.results.find((r) => r.id === 'CLB-FILTER-02');
    expect(filter?.status).toBe('skip');
    expect(filter?.message).toMatch(/CONFORMANCE_RESTRICTED_API_KEY.*CONFORMANCE_RESTRICTED_MODELS/);
    // The 401 rules passed, but the list was never seen: not green.
    expect(result.verdict).toMatchObject({ headline: 'INCONCLUSIVE', exitCode: 4, missing: ['CONFORMANCE_API_KEY', 'CONFORMANCE_RESTRICTED_API_KEY'] });
  });

  it('with the main key only, skips the filtering checks and fails none', async () => {
    const result = await runAgainst(server.url, { profile: 'codex-lb', apiKey: server.apiKey });
    expect(statusOf(result, 'CLB-FILTER-01')).toBe('skip');
    expect(statusOf(result, 'CLB-FILTER-02')).toBe('skip');
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(idsWith(result, 'error')).toEqual([]);
  });

  it('with a restricted key but no expected ids, checks the subset and skips the exact comparison', async () => {
    const result = await runAgainst(server.url, { profile: 'codex-lb', apiKey: server.apiKey, restrictedKey: CODEX_LB_RESTRICTED_KEY });
    expect(statusOf(result, 'CLB-FILTER-01')).toBe('pass');
    const exact = result.results.find((r) => r.id === 'CLB-FILTER-02');
    expect(exact?.status).toBe('skip');
    expect(exact?.message).toMatch(/CONFORMANCE_RESTRICTED_MODELS/);
  });

  it('fails the exact comparison when the expected ids are not what the key sees', async () => {
    const result = await runAgainst(server.url, allKeys(server, { settings: { [MODELS_ENV]: 'gpt-5.2, gpt-4.1-retired' } }));
    expect(statusOf(result, 'CLB-FILTER-02')).toBe('fail');
  });

  it('a restricted key that sees everything (allowed_models ignored, as real codex-lb with API-key auth off) fails CLB-FILTER-01, saying how to make it decisive', async () => {
    const ignoring = await serve(startCodexLbReferenceServer({ breaks: ['filter-ignored'] }));
    const result = await runAgainst(ignoring.url, { profile: 'codex-lb', apiKey: ignoring.apiKey, restrictedKey: CODEX_LB_RESTRICTED_KEY });
    const filter = result.results.find((r) => r.id === 'CLB-FILTER-01');
    expect(filter?.status).toBe('fail');
    expect(filter?.message).toMatch(/sees all \d+ models the full key sees.*Set CONFORMANCE_RESTRICTED_MODELS to the ids the restricted key should see to make this check decisive/);
    // Told that everything is the expected set, the same answer is a pass.
    const full = await fetch(`${ignoring.url}/v1/models`, { headers: { authorization: `Bearer ${ignoring.apiKey}` } });
    const everything = ((await full.json()) as { data: { id: string }[] }).data.map((m) => m.id).join(',');
    const told = await runAgainst(ignoring.url, { profile: 'codex-lb', apiKey: ignoring.apiKey, restrictedKey: CODEX_LB_RESTRICTED_KEY, settings: { [MODELS_ENV]: everything } });
    expect(statusOf(told, 'CLB-FILTER-01')).toBe('pass');
    expect(statusOf(told, 'CLB-FILTER-02')).toBe('pass');
  });

  it('never lets the restricted key into a result, even when a server echoes it; the curl names its variable', async () => {
    const echo = await serve((req, res) => {
      res.writeHead(req.headers.authorization ? 200 : 401, { 'content-type': 'application/json', 'x-echo': String(req.headers.authorization) });
      res.end(JSON.stringify({ object: 'list', data: [{ id: String(req.headers.authorization), object: 'model', created: 1, owned_by: 'codex-lb' }] }));
    });
    const result = await runAgainst(echo.url, allKeys(server));
    const text = JSON.stringify(result);
    expect(text).not.toContain(CODEX_LB_RESTRICTED_KEY);
    expect(text).not.toContain(server.apiKey);
    expect(text).toContain('$CONFORMANCE_RESTRICTED_API_KEY');
    expect(echo.requests.some((r) => r.headers.authorization === `Bearer ${CODEX_LB_RESTRICTED_KEY}`)).toBe(true);
  });
});

describe('the codex-lb reference with an empty registry', () => {
  it('answers {"object": "list", "data": []} and passes every testable check', async () => {
    await withServer({ emptyRegistry: true }, async (server) => {
      const result = await runAgainst(server.url, { profile: 'codex-lb', apiKey: server.apiKey, restrictedKey: CODEX_LB_RESTRICTED_KEY });
      expect(idsWith(result, 'fail')).toEqual([]);
      expect(idsWith(result, 'error')).toEqual([]);
      expect(result.results.find((r) => r.id === 'CLB-LIST-02')?.message).toBe('on 2 surfaces: object "list" with 0 models');
      expect(statusOf(result, 'CLB-LIST-06')).toBe('pass');
    });
  });
});

describe('created against the clock (CLB-LIST-07): drift is tolerated, a wrong timestamp is not', () => {
  /** The reference's real list, re-served with every created shifted and the given Date header (or none). */
  async function listShifted(shiftS: number, date: 'ours' | 'shifted' | 'none'): Promise<string | undefined> {
    return withServer({}, async (reference) => {
      const body = (await (await fetch(`${reference.url}/v1/models`, { headers: { authorization: `Bearer ${reference.apiKey}` } })).json()) as { data: { created: number }[] };
      for (const item of body.data) item.created += shiftS;
      const shifted = await serve((req, res) => {
        if (date === 'none') res.sendDate = false;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (date === 'shifted') headers.date = new Date(Date.now() + shiftS * 1000).toUTCString();
        res.writeHead(req.headers.authorization ? 200 : 401, headers);
        res.end(JSON.stringify(req.headers.authorization ? body : { error: { message: 'Missing API key', type: 'authentication_error', code: 'invalid_api_key' } }));
      });
      const result = await runAgainst(shifted.url, { profile: 'codex-lb', apiKey: 'any-key', only: ['CLB-LIST-07'] });
      return statusOf(result, 'CLB-LIST-07');
    });
  }

  it('passes a server clock a few minutes off, with or without a Date header', async () => {
    expect(await listShifted(-600, 'ours')).toBe('pass');
    expect(await listShifted(900, 'none')).toBe('pass');
  });

  it('passes a server whose clock is days off when its Date header agrees (close to the server\'s clock)', async () => {
    expect(await listShifted(3 * 86_400, 'shifted')).toBe('pass');
  });

  it('fails a created days away from both clocks', async () => {
    expect(await listShifted(-3 * 86_400, 'ours')).toBe('fail');
    expect(await listShifted(-3 * 86_400, 'none')).toBe('fail');
  });
});

describe('429 answers', () => {
  it('pass CLB-ERR-02 when they carry the envelope (after retrying)', async () => {
    await withServer({ rateLimitFirst: 2 }, async (server) => {
      const result = await runAgainst(server.url, allKeys(server, { retries: 3 }));
      expect(statusOf(result, 'CLB-ERR-02')).toBe('pass');
      expect(idsWith(result, 'fail')).toEqual([]);
      expect(idsWith(result, 'error')).toEqual([]);
    });
  });
});

describe('the CLI with --profile codex-lb', () => {
  function capture(env: Record<string, string | undefined> = {}, signal?: AbortSignal): CliIO & { out: () => string; err: () => string } {
    let out = '';
    let err = '';
    return { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env, signal, out: () => out, err: () => err };
  }

  it('run --reference exercises the filtering checks with the reference\'s own restricted key and exits 0', async () => {
    const io = capture();
    const code = await runCli(['run', '--reference', '--profile', 'codex-lb', '--json', '-'], io);
    const result = JSON.parse(io.out()) as { profile: string; results: { id: string; status: string }[] };
    expect(code).toBe(0);
    expect(result.profile).toBe('codex-lb');
    expect(result.results.filter((r) => r.id.startsWith('CLB-FILTER')).map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(io.out()).not.toContain(CODEX_LB_RESTRICTED_KEY);
  });

  it('run <url> takes the restricted key and the expected ids from the environment', async () => {
    await withServer({ breaks: ['filter-drops-allowed'] }, async (server) => {
      const io = capture({ CONFORMANCE_API_KEY: server.apiKey, CONFORMANCE_RESTRICTED_API_KEY: CODEX_LB_RESTRICTED_KEY, [MODELS_ENV]: CODEX_LB_RESTRICTED_SEES.join(',') });
      const code = await runCli(['run', server.url, '--profile', 'codex-lb', '--json', '-'], io);
      const result = JSON.parse(io.out()) as { results: { id: string; status: string }[] };
      expect(code).toBe(1);
      expect(result.results.find((r) => r.id === 'CLB-FILTER-02')?.status).toBe('fail');
      expect(io.out() + io.err()).not.toContain(CODEX_LB_RESTRICTED_KEY);
    });
  });

  it('serve --profile codex-lb prints its keys and the /v1/models path, and stops on the signal', async () => {
    const stop = new AbortController();
    const io = capture({}, stop.signal);
    const done = runCli(['serve', '--profile', 'codex-lb'], io);
    await expect.poll(() => io.out(), { timeout: 5_000 }).toMatch(/Ctrl-C/);
    const url = /listening on (\S+)/.exec(io.out())?.[1];
    expect(io.out()).toContain(`${url}/v1/models`);
    expect(io.out()).toContain(`CONFORMANCE_RESTRICTED_API_KEY=${CODEX_LB_RESTRICTED_KEY}`);
    const res = await fetch(`${url}/v1/models`);
    expect(res.status).toBe(401);
    stop.abort();
    expect(await done).toBe(0);
  });
});

describe('priority order (CLB-META-04): higher priority first, ties in any order', () => {
  /** The reference's real list re-served with the given priorities, in this order. */
  async function withPriorities(priorities: (number | null)[]): Promise<string | undefined> {
    return withServer({}, async (reference) => {
      const body = (await (await fetch(`${reference.url}/v1/models`, { headers: { authorization: `Bearer ${reference.apiKey}` } })).json()) as { data: { metadata: { priority: number | null } }[] };
      body.data = body.data.slice(0, priorities.length);
      body.data.forEach((item, i) => (item.metadata.priority = priorities[i]!));
      const served = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      return statusOf(await runAgainst(served.url, { profile: 'codex-lb', apiKey: 'any-key', only: ['CLB-META-04'] }), 'CLB-META-04');
    });
  }

  it('passes ties, and a model without a priority anywhere', async () => {
    expect(await withPriorities([50, 50, 40, 40, 40])).toBe('pass');
    expect(await withPriorities([50, null, 40, 10])).toBe('pass');
  });

  it('fails a lower priority before a higher one', async () => {
    expect(await withPriorities([50, 40, 45])).toBe('fail');
  });
});
