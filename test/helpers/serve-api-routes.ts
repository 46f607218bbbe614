// The admin API's route handlers on a real node:http server, so attack tests reach them over a socket the way a
// client does. Each route is a path pattern whose `:name` segments become the handler's params.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteHandler } from '../../lib/api';
import { serveWebHandler } from '../../lib/http/node-bridge';

export type ApiRoutes = Record<string, Partial<Record<string, RouteHandler>>>;
export type ServedApi = { url: string; close: () => Promise<void> };

function compile(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
}

export async function serveApiRoutes(routes: ApiRoutes): Promise<ServedApi> {
  const table = Object.entries(routes).map(([pattern, methods]) => ({ regex: compile(pattern), methods }));
  const handle = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    for (const { regex, methods } of table) {
      const match = regex.exec(pathname);
      const handler = match && methods[request.method];
      if (handler) return handler(request, { params: Promise.resolve({ ...match.groups }) });
    }
    return new Response(null, { status: 404 });
  };
  const server = createServer((req, res) => void serveWebHandler(req, res, handle));
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
