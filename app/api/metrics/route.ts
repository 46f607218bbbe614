// GET /api/metrics – Prometheus text: requests, latency and TTFT histograms, upstream errors, circuit states
import { getConfig } from '@/lib/config';
import { readBearer, secretsMatch } from '@/lib/http/bearer';
import { renderMetrics, serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const expected = getConfig().AXONGATE_METRICS_TOKEN;
  if (expected && !secretsMatch(readBearer(request.headers), expected)) {
    return new Response('unauthorized\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } });
  }
  return new Response(renderMetrics(serverRuntime()), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}

