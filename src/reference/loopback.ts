/** Starting and stopping the embedded reference servers: loopback only, ephemeral port by default. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** http://HOST:PORT, no trailing slash (IPv6 hosts bracketed). */
  url: string;
  port: number;
  /** Stops listening and drops idle keep-alive sockets, so tests and `serve` end at once. */
  close(): Promise<void>;
}

export async function listenOn(server: http.Server, opts: { port?: number; host?: string }): Promise<Listening> {
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
