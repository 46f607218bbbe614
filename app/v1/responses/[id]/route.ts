// GET and DELETE /v1/responses/{id} – a response the gateway kept for a converted route
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return serverRuntime().gateway.handleStoredResponse(request);
}

export function DELETE(request: Request): Promise<Response> {
  return serverRuntime().gateway.handleStoredResponse(request);
}
