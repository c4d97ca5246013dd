/**
 * The openai profile: its contract, its reference server (with keys, and run without auth)
 * passing every testable check, the key rules, and --profile auto (its broken variants: kill-matrix.test.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, schemaPathForId, validate } from '../src/contract/schemas.js';
import { PROFILES } from '../src/profiles.js';
import { startOpenAiReferenceServer, type RunningServer } from '../src/reference/openai-server.js';
import { startCodexLbReferenceServer } from '../src/reference/codex-lb-server.js';
import { startReferenceServer } from '../src/reference/server.js';
import { runCli } from '../src/cli/cli.js';
import { encodeModelId, sampleOf } from '../suites/openai/retrieve.js';
import { idsWith, runAgainst, statusOf } from './helpers.js';
import { closedPort, serve } from './servers.js';

const profile = PROFILES.openai!;
const ids = (prefix: string) => profile.checks.filter((c) => c.id.startsWith(prefix)).map((c) => c.id);

describe('openai contract', () => {
  const parserOptions = {
    resolve: {
      conformanceIds: { order: 1, canRead: (f: { url: string }) => schemaPathForId(f.url) !== undefined, read: (f: { url: string }) => readFile(schemaPathForId(f.url) as string) },
      http: false as const,
    },
  } as unknown as SwaggerParser.Options;

  it('openapi/openai.openapi.json passes swagger-parser validate() with its schemas resolved (no network)', async () => {
    const api = await SwaggerParser.validate(path.join(packageRoot(), 'openapi', 'openai.openapi.json'), parserOptions);
    expect(Object.keys(api.paths ?? {})).toEqual(['/v1/models', '/v1/models/{model}']);
  });

  it('the schemas take OpenAI\'s own example and reject what its spec forbids', () => {
    const example = { object: 'list', data: [{ id: 'model-id-0', object: 'model', created: 1686935002, owned_by: 'organization-owner', shutdown_date: null }, { id: 'model-id-2', object: 'model', created: 1686935002, owned_by: 'openai', shutdown_date: '2026-10-23' }] };
    expect(validate('openai/models-list.schema.json', example)).toEqual([]);
    expect(validate('openai/model.schema.json', { id: 'x', object: 'model', created: 1.5, owned_by: 'o' })[0]?.pointer).toBe('/created');
    expect(validate('openai/error.schema.json', { error: { message: 'm', type: 't', param: null, code: null } })).toEqual([]);
    expect(validate('openai/error.schema.json', { error: { message: 'm', type: 't', code: 'c' } })[0]?.keyword).toBe('required');
  });
});

describe('the openai reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(startOpenAiReferenceServer());
  });

  it('with its key: every check passes', async () => {
    const result = await runAgainst(server.url, { profile: 'openai', apiKey: server.apiKey });
    expect(idsWith(result, 'pass')).toEqual(profile.checks.map((c) => c.id));
  });

  it('without a key: a server that wants one is not at fault; the list checks skip, saying why; the 401 it sent is judged', async () => {
    const result = await runAgainst(server.url, { profile: 'openai' });
    expect(idsWith(result, 'fail')).toEqual([]);
    expect(idsWith(result, 'error')).toEqual([]);
    expect(idsWith(result, 'pass')).toEqual(ids('OAI-ERR'));
    expect(idsWith(result, 'skip')).toEqual(profile.checks.map((c) => c.id).filter((id) => !id.startsWith('OAI-ERR')));
    expect(result.verdict.headline).toBe('INCONCLUSIVE');
    expect(result.results[0]?.message).toMatch(/answered 401 without a key.*CONFORMANCE_API_KEY/);
  });
});

/** Real ids that look odd but name callable models: each must pass OAI-LIST-07 and retrieve. */
const ODD_IDS = ['/models/llama-3.2-1b.gguf', 'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M', 'org/name:tag', '@cf/meta/llama-3-8b-instruct', 'モデル-日本語', 'qwen2.5 coder (local)', 'ft:gpt-4o-mini:org:custom:id'];

describe('retrieve and id plausibility on conforming oddities', () => {
  it('paths, org/name:tag, unicode and spaces are real ids: every check passes; "/" travels as %2F as openai-node sends it', async () => {
    const server = await serve(startOpenAiReferenceServer({ extraIds: ODD_IDS }));
    const result = await runAgainst(server.url, { profile: 'openai', apiKey: server.apiKey });
    expect(idsWith(result, 'pass')).toEqual(profile.checks.map((c) => c.id));
    const urls = result.results.find((r) => r.id === 'OAI-GET-01')!.message;
    expect(urls).toMatch(/^all 13 listed ids retrieve/);
    expect(encodeModelId('org/name:tag')).toBe('org%2Fname:tag');
    expect(encodeModelId('モデル 1')).toBe('%E3%83%A2%E3%83%87%E3%83%AB%201');
  });

  it('a long catalogue is retrieved in a stated, bounded sample that includes the ids needing encoding', async () => {
    const many = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? `org-${i}/model` : `model-${i}`));
    const server = await serve(startOpenAiReferenceServer({ extraIds: many }));
    const result = await runAgainst(server.url, { profile: 'openai', apiKey: server.apiKey, only: ['OAI-GET-01'] });
    expect(statusOf(result, 'OAI-GET-01')).toBe('pass');
    expect(result.results[0]!.message).toMatch(/^a sample of 20 of the 66 listed ids \(the first 10, then ids that need encoding\)/);
    expect(result.requests).toBe(2 + 20); // the keyless probe, the list, the sample
    expect(sampleOf([{ id: 'a/b' }, { id: '' }, { id: 3 }]).models.map((m) => m.id)).toEqual(['a/b']);
  });
});

describe('a server run without auth', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(startOpenAiReferenceServer({ requireKey: false }));
  });

  it('is conformant when no key is given: the list checks pass, the key checks skip', async () => {
    const result = await runAgainst(server.url, { profile: 'openai' });
    expect(idsWith(result, 'pass').sort()).toEqual([...ids('OAI-LIST'), ...ids('OAI-GET')].sort());
    expect(idsWith(result, 'skip').sort()).toEqual([...ids('OAI-AUTH'), ...ids('OAI-ERR')].sort());
  });

  it('fails the key checks when a key is given (a key says the server is meant to enforce it)', async () => {
    const result = await runAgainst(server.url, { profile: 'openai', apiKey: 'sk-given-by-the-user-0000' });
    expect(idsWith(result, 'fail')).toEqual(['OAI-AUTH-01', 'OAI-AUTH-02']);
    expect(statusOf(result, 'OAI-ERR-01')).toBe('skip');
  });
});

describe('--profile auto', () => {
  async function auto(url: string, env: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const code = await runCli(['run', url, '--profile', 'auto', '--json', '-'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env });
    const chose = /conformance: --profile auto chose (\S+): (.*)/.exec(err);
    return { code, chose: chose?.[1], reason: chose?.[2] ?? err, recorded: (JSON.parse(out) as { profile: string }).profile };
  }

  it('chooses nanogpt for the NanoGPT reference, and runs its catalogue', async () => {
    const server = await serve(startReferenceServer());
    const r = await auto(server.url);
    expect([r.chose, r.recorded, r.code]).toEqual(['nanogpt', 'nanogpt', 0]);
    expect(r.reason).toMatch(/detailed=true lists models with pricing/);
  });

  it('chooses codex-lb from the keyed list, and says it cannot tell without a key', async () => {
    const server = await serve(startCodexLbReferenceServer());
    const keyed = await auto(server.url, { CONFORMANCE_API_KEY: server.apiKey });
    expect([keyed.chose, keyed.recorded, keyed.code]).toEqual(['codex-lb', 'codex-lb', 0]);
    expect(keyed.reason).toMatch(/owned_by "codex-lb"/);
    const anonymous = await auto(server.url);
    expect(anonymous.chose).toBe('openai');
    expect(anonymous.reason).toMatch(/asks for a key \(401\).*CONFORMANCE_API_KEY/);
  });

  it('chooses openai for a plain /v1/models list', async () => {
    const server = await serve(startOpenAiReferenceServer({ requireKey: false }));
    const r = await auto(server.url);
    expect([r.chose, r.recorded, r.code]).toEqual(['openai', 'openai', 0]);
    expect(r.reason).toMatch(/answers a list without codex-lb or NanoGPT marks/);
  });

  it('on an unreachable target says so and exits 3 like any run', async () => {
    const r = await auto(`http://127.0.0.1:${await closedPort()}`);
    expect([r.chose, r.code]).toEqual(['openai', 3]);
    expect(r.reason).toMatch(/did not answer/);
  });

  it('is a usage error with --reference (there is nothing to probe)', async () => {
    let err = '';
    const code = await runCli(['run', '--reference', '--profile', 'auto'], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, env: {} });
    expect(code).toBe(2);
    expect(err).toMatch(/--profile auto probes a base URL/);
  });
});
