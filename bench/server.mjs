// The reference server in a process of its own, so its CPU never mixes with the measured client's.
// Usage: node bench/server.mjs [--models N] [--log FILE]
// Prints one JSON line {url, apiKey}; then answers "count" on stdin with {"count", "cpuMs"}: requests
// answered and CPU spent so far (a big catalogue's lists cost the server real time to build). It exits when stdin closes (the driver died or finished) or after 10 minutes, whatever comes first.
import { appendFileSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startReferenceServer } from '../dist/src/reference/server.js';

const { values } = parseArgs({ options: { models: { type: 'string' }, log: { type: 'string' } } });

if (values.log) {
  // Recording mode only: the exact requests a client sent, for the floor script to replay.
  const HOP = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);
  subscribe('http.server.request.start', ({ request }) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => !HOP.has(k)));
    appendFileSync(values.log, `${JSON.stringify({ method: request.method, path: request.url, headers })}\n`);
  });
}

const server = await startReferenceServer({ extraModels: Number(values.models ?? 0) });
process.stdout.write(`${JSON.stringify({ url: server.url, apiKey: server.apiKey })}\n`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
setTimeout(stop, 10 * 60_000).unref();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'count') return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ count: server.requestCount(), cpuMs: (user + system) / 1000 })}\n`);
});
lines.on('close', stop);
process.on('SIGTERM', stop);
