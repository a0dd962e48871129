import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy that forwards nothing: the browsers under test are pointed at it for every
 * host except 127.0.0.1, so any attempt to reach the outside world lands here, is
 * refused, and is recorded for the tests to assert on ("check, don't assume").
 */
export interface Tripwire {
  /** `127.0.0.1:PORT`, the value for the browsers' proxy settings. */
  hostPort: string;
  port: number;
  /** Every attempt so far: `CONNECT host:443` or `GET http://host/path`. */
  attempts: string[];
  close(): Promise<void>;
}

export async function startTripwire(): Promise<Tripwire> {
  const attempts: string[] = [];
  const server: Server = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.writeHead(502, { 'content-type': 'text/plain' }).end('blocked by the test tripwire');
  });
  server.on('connect', (req, socket) => {
    attempts.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    port,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
