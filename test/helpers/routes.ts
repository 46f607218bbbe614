import type { RouteHandler } from '../../lib/api';

type CallOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  params?: Record<string, string>;
};

/** Calls a route handler the way Next does: a real Request and a context whose params is a Promise. */
export async function callRoute(handler: RouteHandler, path: string, options: CallOptions = {}) {
  const init: RequestInit = { method: options.method ?? 'GET', headers: { ...options.headers } };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await handler(new Request(`http://localhost${path}`, init), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}
