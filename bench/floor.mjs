// The floor: a bare Node script that makes the same distinct requests as a conformance run and
// parses their JSON, nothing else. Same shape as the suite: the probe request first, then the
// rest with at most 8 in flight (the suite's default --concurrency) over keep-alive sockets.
// Two clients: node:http (default), the cheapest Node has, so the lowest bar there is; and with
// --fetch, global fetch, the way a bare script is usually written (Node's bundled undici inside).
// Usage: node bench/floor.mjs <base-url> <requests.jsonl> [--fetch]   (one {method, path, headers} a line)
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [base, file, mode] = process.argv.slice(2);
const requests = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const CONCURRENCY = 8;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let parsed = 0;

function parse(text, contentType) {
  if (text && /json/i.test(contentType ?? '')) {
    JSON.parse(text);
    parsed++;
  }
}

async function viaFetch({ method, path, headers }) {
  const res = await fetch(base + path, { method, headers });
  parse(await res.text(), res.headers.get('content-type'));
}

function viaHttp({ method, path, headers }) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        parse(Buffer.concat(chunks).toString('utf8'), res.headers['content-type']);
        resolve();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const send = mode === '--fetch' ? viaFetch : viaHttp;
const [probe, ...rest] = requests;
await send(probe);
let next = 0;
const worker = async () => {
  while (next < rest.length) await send(rest[next++]);
};
await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rest.length) }, worker));
agent.destroy();
process.stdout.write(`${JSON.stringify({ requests: requests.length, parsed })}\n`);
