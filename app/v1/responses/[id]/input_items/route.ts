// GET /v1/responses/{id}/input_items – the conversation a kept response answered
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return serverRuntime().gateway.handleStoredResponse(request);
}
