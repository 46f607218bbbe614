// POST /v1/telemetry/errors – engine contract: provider keys the upstream refused
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return serverRuntime().engine.handleTelemetryErrors(request);
}
