import { getConfig } from '../config';
import { UsageRecorder, type UsageRecord } from './usage-recorder';

export { computeUsageCost, type TokenPrices, type UsageCost } from './usage-cost';
export type { UsageRecord } from './usage-recorder';

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

/** Writes what is still queued when the event loop empties; signals are handled by lib/lifecycle. */
function registerShutdownFlush(): void {
  if (holder.axongateUsageHooks) return;
  holder.axongateUsageHooks = true;
  process.once('beforeExit', () => void flushUsage());
}
