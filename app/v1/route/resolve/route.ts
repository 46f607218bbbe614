// POST /v1/route/resolve – engine contract: the ordered routes (with provider keys) for a user token and model
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return serverRuntime().engine.handleRouteResolve(request);
}
