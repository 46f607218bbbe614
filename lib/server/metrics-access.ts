import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBearer, secretsMatch } from '../http/bearer';
import { isLoopbackAddress } from '../http/loopback-address';
import { serveWebHandler } from '../http/node-bridge';

// Who may read GET /api/metrics. With AXONGATE_METRICS_TOKEN set, whoever presents it as a bearer, from any
// address. Without it, scrapes from this machine's loopback only, judged by the socket's peer address: headers
// such as X-Forwarded-For are the client's to write. Next's route handler cannot see the socket, so there (the
// fallback) only the token opens the metrics.

export type MetricsAccessOptions = {
  token: string | undefined;
  render: () => string;
};

/** `peer` is the socket's remote address; null where it cannot be known (a Next route handler). */
export function answerMetricsRequest(headers: Headers, peer: string | null, { token, render }: MetricsAccessOptions): Response {
  if (token) {
    if (!secretsMatch(readBearer(headers), token)) return refusal(401, 'unauthorized: send Authorization: Bearer <AXONGATE_METRICS_TOKEN>');
  } else if (!isLoopbackAddress(peer ?? undefined)) {
    const how = peer === null ? ' through the production server (axongate-server.mjs)' : '';
    return refusal(403, `forbidden: without AXONGATE_METRICS_TOKEN the metrics are served only to scrapes from loopback${how}`);
  }
  return new Response(render(), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const METRICS_PATH = '/api/metrics';

/** Takes GET/HEAD /api/metrics straight off node:http, where the peer address is known; leaves everything else. */
export function createMetricsNodeListener(options: MetricsAccessOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0];
    if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const peer = req.socket.remoteAddress ?? '';
    void serveWebHandler(req, res, async (request) => answerMetricsRequest(request.headers, peer, options));
    return true;
  };
}

function refusal(status: 401 | 403, message: string): Response {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  return new Response(`${message}\n`, { status, headers });
}
