// POST /api/bench-floor – exists for bench/ only: the framework's own floor (no auth, no database, fixed answer)
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const FLOOR_BODY = JSON.stringify({ object: 'bench.floor', ok: true });

export async function POST(request: Request): Promise<Response> {
  // Drained like any POST handler must, so the floor pays for the request body as the gateway does.
  await request.arrayBuffer();
  return new Response(FLOOR_BODY, { headers: { 'content-type': 'application/json' } });
}
