/**
 * Rules declared with their surfaces (suites/surfaces.ts): a failure names the surface it failed
 * on, every failing surface is listed, and surfaces needing a missing key are left out and said so.
 * Real reference servers on 127.0.0.1, with breaks that spoil one twin surface each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../src/reference/server.js';
import { runAgainst } from './helpers.js';
import { serve } from './servers.js';

let server: RunningReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const resultOf = async (breaks: Parameters<typeof startReferenceServer>[0], id: string, withKey = true) => {
  server = await serve(startReferenceServer(breaks));
  const run = await runAgainst(server.url, { apiKey: withKey ? server.apiKey : undefined, only: [id] });
  return run.results.find((r) => r.id === id)!;
};

describe('a rule on its surfaces', () => {
  it('fails naming the one surface that broke it, with that surface\'s exchange as evidence', async () => {
    const r = await resultOf({ breaks: ['paid-created-float'] }, 'NG-LIST-05');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^on GET \/api\/paid\/v1\/models: /);
    expect(r.message).not.toContain('more:');
    expect(r.evidence.exchanges.map((ex) => new URL(ex.request.url).pathname)).toEqual(['/api/paid/v1/models']);
  });

  it('counts every other failing surface, naming the first few', async () => {
    const r = await resultOf({ breaks: ['created-ms'] }, 'NG-LIST-04'); // every basic text list, all 25
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^on GET \/api\/v1\/models \(and on 24 more: GET \/api\/v1\/models\?detailed=false; .*; … 21 others\): \/data\/0\/created = /);
  });

  it('names the credential of a keyed surface', async () => {
    const r = await resultOf({ breaks: ['sub-invalid-xkey-401'] }, 'NG-AUTH-02');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^on GET \/api\/subscription\/v1\/models \(invalid x-api-key\): /);
  });

  it('passes on the reference, counting the surfaces judged', async () => {
    const r = await resultOf({}, 'NG-LIST-03');
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/^on 25 surfaces: /);
  });

  it('without a key, judges the public surfaces and says how many it left out', async () => {
    const r = await resultOf({}, 'NG-LIST-03', false);
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/^on 15 surfaces: .*; 10 surfaces not judged: they need a key that was not given$/);
  });
});
