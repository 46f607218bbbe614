// GET /v1/models – the models the caller's token may use, in OpenAI or Anthropic list shape
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// Long enough for a long streamed answer on hosts that cap route duration.
export const maxDuration = 800;

export function GET(request: Request): Promise<Response> {
  return serverRuntime().gateway.handleModels(request);
}
