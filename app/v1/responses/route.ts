// POST /v1/responses – OpenAI Responses API, OpenAI-type routes only
import { handleResponses } from '@/lib/gateway';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// Long enough for a long streamed answer on hosts that cap route duration.
export const maxDuration = 800;

export function POST(request: Request): Promise<Response> {
  return handleResponses(request);
}
