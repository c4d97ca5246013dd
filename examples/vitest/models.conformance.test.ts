/**
 * A server's own vitest suite gating on the conformance checks: start the server, then register
 * one test per check. Run it with `npx vitest run --root examples/vitest`.
 */
import { afterAll, beforeAll } from 'vitest';
import { describeConformance } from 'models-conformance/vitest';
import { startMyServer } from './server.js';

let server: Awaited<ReturnType<typeof startMyServer>>;
beforeAll(async () => {
  server = await startMyServer();
});
afterAll(async () => {
  await server?.close();
});

describeConformance('GET /api/v1/models conforms', {
  url: () => server.url,
  apiKey: () => server.apiKey,
  maxTimeMs: 30_000,
});
