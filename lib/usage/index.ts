import { getConfig } from '../config';
import { UsageRecorder, type UsageRecord } from './usage-recorder';

export { computeUsageCost, type TokenPrices, type UsageCost } from './usage-cost';
export { utcDay, type UsageRecord } from './usage-recorder';

const holder = globalThis as unknown as { axongateUsageRecorder?: UsageRecorder; axongateUsageHooks?: boolean };

function getRecorder(): UsageRecorder {
  if (!holder.axongateUsageRecorder) {
    const config = getConfig();
    holder.axongateUsageRecorder = new UsageRecorder({
      flushMs: config.AXONGATE_USAGE_FLUSH_MS,
      batchSize: config.AXONGATE_USAGE_BATCH_SIZE,
    });
    registerShutdownFlush();
  }
  return holder.axongateUsageRecorder;
}

/** Queues one usage row; never awaited on the response path. */
export function recordUsage(row: UsageRecord): void {
  getRecorder().record(row);
}

/** Writes every queued row (shutdown, tests). */
export function flushUsage(): Promise<void> {
  return holder.axongateUsageRecorder?.flush() ?? Promise.resolve();
}

/**
 * Flushes on SIGTERM/SIGINT, once per process. A signal listener replaces Node's default exit, so when no
 * one else (Next's own server) handles the signal, this one exits after the flush.
 */
function registerShutdownFlush(): void {
  if (holder.axongateUsageHooks) return;
  holder.axongateUsageHooks = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void flushUsage().finally(() => {
        if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
  process.once('beforeExit', () => void flushUsage());
}
