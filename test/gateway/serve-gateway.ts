// A gateway on a plain node:http server, mounted exactly as the production server mounts it (its node
// listener), so real HTTP clients (the official SDKs, a second process) talk to it the way they talk to
// `npm start`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../../lib/gateway';
import { testGateway } from '../helpers/test-gateway';

export type ServedGateway = { url: string; close: () => Promise<void> };

/** Serves `gateway`, or else whichever gateway the test helpers currently use (looked up on every request). */
export async function serveGateway(gateway?: Gateway): Promise<ServedGateway> {
  const server: Server = createServer((req, res) => {
    if (!(gateway ?? testGateway()).nodeListener(req, res)) res.writeHead(404).end();
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
