// POST /v1/telemetry/usage – engine contract: usage of requests the engine served
import { handleTelemetryUsage } from '@/lib/engine-contract';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleTelemetryUsage(request);
}
