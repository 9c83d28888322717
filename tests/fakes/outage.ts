import type { Server } from 'node:http';
import type { WebSocket } from 'ws';

/** A platform unreachable: drops every connection, WebSockets included, and closes the port so new ones are refused. */
export async function refuseConnections(server: Server, sockets: Iterable<WebSocket>): Promise<void> {
  for (const ws of sockets) ws.terminate();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** The platform back: listens again on the same port. */
export function listenAgain(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
