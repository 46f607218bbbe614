import { errorResponse } from './envelope';
import type { RouteHandler } from './route';

// Next answers a method a route file does not export with an empty 405, and OPTIONS with every method the file
// exports. Each /api/v1 route file therefore exports the methods it lacks from here: a 405 in the envelope naming
// the methods it has, in Allow too, and an OPTIONS that lists only those.

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type Method = (typeof METHODS)[number];

const generated = new WeakSet<RouteHandler>();

/** Whether a route file's export is one of these answers rather than an endpoint of its own. */
export function isGeneratedHandler(handler: unknown): boolean {
  return typeof handler === 'function' && generated.has(handler as RouteHandler);
}

export function otherMethods(...allowed: Method[]): Record<Method | 'OPTIONS', RouteHandler> {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed: RouteHandler = async (req) =>
    errorResponse(405, `${req.method} is not allowed on this path; it takes ${allow}`, undefined, { allow });
  const options: RouteHandler = async () => new Response(null, { status: 204, headers: { allow } });
  generated.add(notAllowed).add(options);
  const handlers = Object.fromEntries(METHODS.map((method) => [method, notAllowed])) as Record<Method, RouteHandler>;
  return { ...handlers, OPTIONS: options };
}

/** For paths no route file serves: 404 in the envelope whatever the method. */
export function unknownPath(): Record<Method | 'OPTIONS', RouteHandler> {
  const notFound: RouteHandler = async (req) => errorResponse(404, `No such API endpoint: ${req.method} ${new URL(req.url).pathname}`);
  generated.add(notFound);
  return Object.fromEntries([...METHODS, 'OPTIONS'].map((method) => [method, notFound])) as Record<Method | 'OPTIONS', RouteHandler>;
}
