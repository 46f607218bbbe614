// POST /v1/telemetry/usage – engine contract: usage of requests the engine served
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return serverRuntime().engine.handleTelemetryUsage(request);
}
