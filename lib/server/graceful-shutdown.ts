import { closeServerRuntime, type ServerRuntime } from './runtime';

/** After the deadline, how long the requests that were ended get to record their rows. */
const WIND_DOWN_MS = 2_000;

/**
 * On SIGTERM or SIGINT, health turns 503 so the load balancer moves on; after AXONGATE_SHUTDOWN_DRAIN_MS (time for
 * the balancer's health check to notice, while requests are still served) stop taking model requests, let running
 * streams finish up to AXONGATE_SHUTDOWN_GRACE_MS, then end what still runs (streams get an error ending in their
 * client's protocol and are billed for what they streamed; upstream connections are dropped), write the queued usage
 * rows and exit: at most the grace period plus a couple of seconds. Next's standalone server exits at once on those
 * signals unless NEXT_MANUAL_SIG_HANDLE is set, which `npm start` does; without it the usage queue of the last second
 * may be lost. scripts/server.mjs closes the listening socket after the same drain period.
 */
export function registerGracefulShutdown(runtime: ServerRuntime): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(runtime, signal === 'SIGINT' ? 130 : 143));
  }
  // Writes what is still queued when the event loop empties without a signal.
  process.once('beforeExit', () => void runtime.usage.flush());
}

export async function shutDown(runtime: ServerRuntime, exitCode: number): Promise<never> {
  const { inFlight, logger } = runtime;
  inFlight.startLeaving();
  const drainMs = runtime.config.AXONGATE_SHUTDOWN_DRAIN_MS;
  if (drainMs > 0) {
    logger.info({ drain_ms: drainMs }, `shutting down: health answers 503, still serving for ${drainMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, drainMs));
  }
  inFlight.startDraining();
  const graceMs = runtime.config.AXONGATE_SHUTDOWN_GRACE_MS;
  logger.info({ grace_ms: graceMs, in_flight: inFlight.size }, `shutting down: waiting up to ${graceMs} ms for ${inFlight.size} request(s)`);
  if (!(await inFlight.waitForIdle(graceMs))) {
    logger.warn({ in_flight: inFlight.size }, `${inFlight.size} request(s) still running at the deadline: ending them`);
    inFlight.passDeadline();
    await runtime.gateway.context.upstream.close?.();
    await inFlight.waitForIdle(WIND_DOWN_MS);
  }
  try {
    await closeServerRuntime(runtime);
  } finally {
    process.exit(exitCode);
  }
}
