// POST /v1/messages/count_tokens – Anthropic token counting: forwarded, or estimated for OpenAI-type routes
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// Long enough for a long streamed answer on hosts that cap route duration.
export const maxDuration = 800;

export function POST(request: Request): Promise<Response> {
  return serverRuntime().gateway.handleCountTokens(request);
}
