import { closeServerRuntime, type ServerRuntime } from './runtime';

/**
 * On SIGTERM or SIGINT, stop taking model requests (health turns 503 so the load balancer moves on), let running
 * streams finish up to AXONGATE_SHUTDOWN_GRACE_MS, write the queued usage rows, then exit. Next's standalone
 * server exits at once on those signals unless NEXT_MANUAL_SIG_HANDLE is set, which `npm start` does; without it
 * the usage queue of the last second may be lost.
 */
export function registerGracefulShutdown(runtime: ServerRuntime): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(runtime, signal === 'SIGINT' ? 130 : 143));
  }
  // Writes what is still queued when the event loop empties without a signal.
  process.once('beforeExit', () => void runtime.usage.flush());
}

export async function shutDown(runtime: ServerRuntime, exitCode: number): Promise<never> {
  const { inFlight } = runtime;
  inFlight.startDraining();
  const graceMs = runtime.config.AXONGATE_SHUTDOWN_GRACE_MS;
  console.log(`[axongate] shutting down: waiting up to ${graceMs} ms for ${inFlight.size} request(s)`);
  const idle = await inFlight.waitForIdle(graceMs);
  if (!idle) console.warn(`[axongate] ${inFlight.size} request(s) still running at the deadline`);
  try {
    await closeServerRuntime(runtime);
  } finally {
    process.exit(exitCode);
  }
}
