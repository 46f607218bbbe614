import { closeRedisClient } from '../cache/redis';
import { getConfig } from '../config';
import { closeUpstreamAgent, stopCacheListener } from '../gateway';
import { flushUsage } from '../usage';
import { inFlightRequests, startDraining, waitForIdle } from './in-flight';

/**
 * SPEC §8: on SIGTERM or SIGINT, stop taking model requests (health turns 503 so the load balancer moves on),
 * let running streams finish up to AXONGATE_SHUTDOWN_GRACE_MS, write the queued usage rows, then exit.
 * Next's standalone server exits at once on those signals unless NEXT_MANUAL_SIG_HANDLE is set, which
 * `npm start` does; without it the usage queue of the last second may be lost.
 */
export function registerGracefulShutdown(): void {
  const holder = globalThis as unknown as { axongateShutdownHooks?: boolean };
  if (holder.axongateShutdownHooks) return;
  holder.axongateShutdownHooks = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(signal === 'SIGINT' ? 130 : 143));
  }
}

export async function shutDown(exitCode: number): Promise<never> {
  startDraining();
  const graceMs = getConfig().AXONGATE_SHUTDOWN_GRACE_MS;
  console.log(`[axongate] shutting down: waiting up to ${graceMs} ms for ${inFlightRequests()} request(s)`);
  const idle = await waitForIdle(graceMs);
  if (!idle) console.warn(`[axongate] ${inFlightRequests()} request(s) still running at the deadline`);
  try {
    await flushUsage();
    closeRedisClient();
    await Promise.allSettled([stopCacheListener(), closeUpstreamAgent()]);
  } finally {
    process.exit(exitCode);
  }
}
