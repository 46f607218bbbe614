// GET /v1/models/{id} – one model the caller's token may use, in OpenAI or Anthropic shape
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return serverRuntime().gateway.handleModel(request);
}
