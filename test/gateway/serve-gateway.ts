// The gateway on a plain node:http server, mounted exactly as the production server mounts it
// (lib/gateway/node-listener.ts), so real HTTP clients (the official SDKs, a second process) talk to it the way
// they talk to `npm start`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayNodeListener } from '../../lib/gateway/node-listener';

export type ServedGateway = { url: string; close: () => Promise<void> };

export async function serveGateway(): Promise<ServedGateway> {
  const listener = createGatewayNodeListener();
  const server: Server = createServer((req, res) => {
    if (!listener(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
