// GET /api/health – liveness and database reachability, for load balancers and uptime checks.
import { db } from '@/lib/db';
import { serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A load balancer should see a stuck database as down rather than wait on the pool. */
const DATABASE_TIMEOUT_MS = 5_000;

export async function GET() {
  const database = await checkDatabase();
  // While shutting down, answering 503 tells the load balancer to send new requests to another instance.
  const status = serverRuntime().inFlight.leaving ? 'draining' : database === 'ok' ? 'ok' : 'degraded';
  return Response.json(
    { status, database },
    { status: status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}

async function checkDatabase(): Promise<'ok' | 'error'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return 'ok';
  } catch (error) {
    console.error('[health] database check failed:', (error as Error).message);
    return 'error';
  } finally {
    clearTimeout(timer);
  }
}
