/**
 * Issue 16's hostile servers, real on 127.0.0.1 (built on test/servers.ts's `listen`):
 * server text that forges CI commands, bodies that cost far more to process than to send,
 * strings made to blow up reports, a key echoed in every encoding, unsolicited 1xx answers.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Hostile } from './hostile-servers.js';
import { listen } from './servers.js';

/** Every way server text has tried to become a workflow command, a terminal control or a fake line. */
export const FORGED = [
  'm\n::stop-commands::pwned\n::error title=forged::forged error\r::add-mask::x',
  '   ::warning::indented',
  'legacy ##[error]forged mid-line',
  '\nVerdict: CONFORMS — no MUST check failed\n',
  'esc \u001b[2J\u001b]0;t\u0007 c1 \u009b31m bidi \u202eevil\u202c \u2066iso\u2069 sep \u2028::error::x\u2029 nel \u0085::notice::y',
].join(' ');

/**
 * A list whose ids, a key and owned_by carry FORGED (JSON-escaped, so parsed values hold raw
 * newlines); 401s whose raw body holds it; `Content-Encoding` with `##[` on the OpenAI path,
 * so the --profile auto line quotes it.
 */
export async function forgingServer(key: string): Promise<Hostile> {
  return listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '');
    if (url.pathname === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': '##[error]forged-encoding' });
      return res.end('{}');
    }
    if (!auth.includes(key)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'x-forged': '##[error]header' });
      return res.end(`unauthorized\n${FORGED}\n::error::raw 401 body`);
    }
    const item = { id: FORGED, object: 'model', created: FORGED, owned_by: FORGED, [FORGED]: FORGED };
    res.writeHead(200, { 'content-type': 'application/json', 'x-forged': '##[warning]header' });
    res.end(JSON.stringify({ object: 'list', data: [item, { ...item, id: `${FORGED}2` }], [FORGED]: 1 }));
  });
}

/** ~50 MiB of `{"object":"list","data":[<item>,<item>,…]}` gzipped (tens of KB on the wire). */
export function bombBody(item: string, bytes = 50 * 1024 * 1024 - 1024): Buffer {
  const n = Math.floor((bytes - 40) / (item.length + 1));
  return gzipSync(`{"object":"list","data":[${`${item},`.repeat(n)}${item}]}`, { level: 9 });
}

/** The same gzipped body for every request. */
export async function gzipBodyServer(gz: Buffer): Promise<Hostile> {
  return listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gz.length });
    res.end(gz);
  });
}

/**
 * A different body for every request (the path and a counter lead it), each `bytes` long, of
 * items that pass the density limit but fail the schema: nothing can be shared between checks.
 */
export async function distinctBodiesServer(bytes: number): Promise<Hostile> {
  let n = 0;
  const item = '{"aaaaaaaaaaaaaaaa":0}';
  return listen((req, res) => {
    const head = `{"object":"list","req":${JSON.stringify(`${req.url} ${n++}`)},"data":[`;
    const count = Math.floor((bytes - head.length - 2) / (item.length + 1));
    const gz = gzipSync(`${head}${`${item},`.repeat(count - 1)}${item}]}`);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gz.length });
    res.end(gz);
  });
}

/** A small body gzipped `layers` times, each layer listed in Content-Encoding. */
export async function layeredEncodingServer(layers: number): Promise<Hostile> {
  let body: Buffer = Buffer.from('{"object":"list","data":[]}');
  for (let i = 0; i < layers; i++) body = gzipSync(body);
  const encoding = Array(layers).fill('gzip').join(', ');
  return listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': body.length });
    res.end(body);
  });
}

/**
 * Server strings made to blow up reports: a valid list of 40,000-character ids, in a new order
 * for every request (so the comparing checks quote ids), 40 headers of 300 characters (undici
 * takes 16 KB of headers), a 1 MB 401 body, a 500-character Location, 429s with long bodies.
 */
export async function amplifyingServer(): Promise<Hostile> {
  const long = (c: string, n: number) => c.repeat(n);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (let i = 0; i < 40; i++) headers[`x-h${i}`] = long('v', 300);
  const items = [1, 2, 3, 4, 5, 6].map((i) => ({ id: `${long(String(i), 40_000)}`, object: 'model', created: 1700000000 + i, owned_by: long('w', 40_000), [long('k', 40_000)]: 1 }));
  const unauthorized = long('u', 1_000_000);
  let n = 0;
  return listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.searchParams.get('sort') === 'favorites') {
      res.writeHead(302, { ...headers, location: `/${long('r', 500)}?sort=favorites` });
      return res.end();
    }
    if (url.pathname.includes('image')) {
      res.writeHead(429, { ...headers, 'retry-after': '0' });
      return res.end(long('z', 500_000));
    }
    if (!req.headers.authorization && !req.headers['x-api-key']) {
      res.writeHead(401, headers);
      return res.end(unauthorized);
    }
    const shift = n++ % items.length;
    const data = [...items.slice(shift), ...items.slice(0, shift)];
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ object: 'list', data })));
  });
}

/** Before every answer of `target` (the reference server), interim `103 Early Hints` and `100 Continue` nobody asked for. */
export async function continueServer(target: string): Promise<Hostile> {
  return listen((req, res) => {
    res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
    res.writeContinue();
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    upstream.end();
  });
}

/** The first request to each URL gets 429 with this Retry-After; the rest go to `target`. */
export async function oddRetryAfterServer(target: string, retryAfter: string): Promise<Hostile> {
  const seen = new Set<string>();
  return listen((req, res) => {
    const first = !seen.has(`${req.url} ${req.headers.authorization ?? ''}`);
    seen.add(`${req.url} ${req.headers.authorization ?? ''}`);
    if (first) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      return res.end(JSON.stringify({ code: 'rate_limited', message: 'Rate limit exceeded' }));
    }
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    upstream.end();
  });
}

/** Each encoding of `key` a server has echoed back, for the echo server and the leak search. */
export function keyForms(key: string): Record<string, string> {
  const pct = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const u = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const mix = (s: string) => [...s].map((c, i) => (i % 3 === 0 ? u(c) : i % 3 === 1 ? pct(c) : c.toUpperCase())).join('');
  return {
    lower: key.toLowerCase(),
    pct: pct(key),
    json: u(key),
    mix: mix(key),
    bearer64: Buffer.from(`Bearer ${key}`).toString('base64'),
    url64: Buffer.from(`ab${key}`).toString('base64url'),
    blob64: Buffer.from(JSON.stringify({ token: key })).toString('base64'),
    hex: Buffer.from(key).toString('hex'),
  };
}

/** An 8-character window of the key, or of its hex or base64 at any alignment, found in `text`. */
export function keyLeak(key: string, text: string): string | undefined {
  const encodings = [key, Buffer.from(key).toString('hex'), ...['', 'a', 'ab'].flatMap((p) => [Buffer.from(`${p}${key}`).toString('base64').slice(4, -4), Buffer.from(`${p}${key}`).toString('base64url').slice(4, -4)])];
  const lower = text.toLowerCase();
  for (const enc of encodings) for (let i = 0; i + 8 <= enc.length; i++) if (lower.includes(enc.slice(i, i + 8).toLowerCase())) return enc.slice(i, i + 8);
  return undefined;
}

/**
 * Echoes the key in every form: in headers, in the list (JSON-escaped mixes kept in the body as
 * sent), past the 200-character excerpt cut, in a same-origin Location fully percent-encoded.
 */
export async function echoingServer(key: string): Promise<Hostile> {
  const forms = keyForms(key);
  return listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = { 'content-type': 'application/json', 'x-b64': forms.bearer64, 'x-hex': forms.hex, 'x-blob': forms.blob64 };
    if (url.searchParams.get('sort') === 'favorites') {
      res.writeHead(302, { ...headers, location: `/moved?token=${forms.pct}&sort=x` });
      return res.end();
    }
    if (url.pathname === '/moved') {
      res.writeHead(404, headers);
      return res.end(`{"error":"${forms.mix}"}`);
    }
    // `created` must be a number: the check quotes the value, cut at 200 characters, across the key.
    const cutAcross = `${'p'.repeat(180)}${forms.json}`;
    const item = `{"id":"${forms.mix}","object":"model","created":"${cutAcross}","owned_by":"${forms.json}","b":"${forms.url64}","h":"${forms.hex}"}`;
    res.writeHead(200, headers);
    // `##` before the key: `[REDACTED]` in its place must not make a `##[` command.
    res.end(`{"object":"list","data":[${item}],"echo":"##${forms.lower}","pct":"${forms.pct}"}`);
  });
}
