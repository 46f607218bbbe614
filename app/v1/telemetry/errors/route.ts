// POST /v1/telemetry/errors – engine contract: provider keys the upstream refused
import { handleTelemetryErrors } from '@/lib/engine-contract';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleTelemetryErrors(request);
}
