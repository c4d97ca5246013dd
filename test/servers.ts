/** Small real servers on 127.0.0.1 for tests: echoing, misbehaving, recording what reached them. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  url: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await startServer(() => undefined);
  await s.close();
  return s.port;
}

/** Answers every request with a model list whose ids, headers and body echo the credentials it was sent. */
export function echoingHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const auth = String(req.headers.authorization ?? '');
  const key = String(req.headers['x-api-key'] ?? '');
  const echo = `${auth}|${key}`;
  res.writeHead(req.url?.startsWith('/api/personalized') ? 401 : 200, {
    'content-type': 'application/json',
    'x-echo-auth': echo,
  });
  res.end(JSON.stringify({ object: 'list', data: [{ id: `echo ${echo}`, object: 'model', created: 'not-a-number', owned_by: echo }], echo }));
}
