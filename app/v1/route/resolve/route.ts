// POST /v1/route/resolve – engine contract: the ordered routes (with provider keys) for a user token and model
import { handleRouteResolve } from '@/lib/engine-contract';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleRouteResolve(request);
}
