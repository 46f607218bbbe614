import { insertUsageRows } from './insert-usage-rows';
import type { UsageRecord } from './usage-record';

// Usage rows are written off the response path: record() only queues; a timer or a full batch writes them
// with one INSERT … ON CONFLICT DO NOTHING (insert-usage-rows.ts), so a row recorded twice under the same
// request_id is stored once. flush() drains the queue at shutdown and in tests.

/** Where finished requests leave their rows. */
export type UsageSink = { record(row: UsageRecord): void };

export type UsageRecorderOptions = {
  flushMs: number;
  batchSize: number;
  /** Writes one batch; the usage table by default. */
  insert?: (rows: UsageRecord[]) => Promise<void>;
};

/** Rows kept for a retry when the database refuses a batch; beyond this the oldest are dropped (and logged). */
const MAX_PENDING_ROWS = 50_000;

export class UsageRecorder implements UsageSink {
  private queue: UsageRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  private readonly insert: (rows: UsageRecord[]) => Promise<void>;

  constructor(private readonly options: UsageRecorderOptions) {
    this.insert = options.insert ?? insertUsageRows;
  }

  record(row: UsageRecord): void {
    this.queue.push(row);
    if (this.queue.length >= this.options.batchSize) {
      void this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.options.flushMs);
      this.timer.unref();
    }
  }

  private droppedRows = 0;

  /** Rows waiting to be written (while the database is down they wait here, up to MAX_PENDING_ROWS). */
  get pending(): number {
    return this.queue.length;
  }

  /** Rows given up since the start: the queue overflowed while the database refused writes. */
  get dropped(): number {
    return this.droppedRows;
  }

  /** Writes everything queued so far; flushes run one after another, never two at once. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchSize);
      try {
        await this.insert(batch);
      } catch (error) {
        console.error(`[axongate] writing ${batch.length} usage rows failed:`, (error as Error).message);
        this.queue.unshift(...batch);
        const overflow = this.queue.length - MAX_PENDING_ROWS;
        if (overflow > 0) {
          this.queue.splice(0, overflow);
          this.droppedRows += overflow;
          console.error(`[axongate] dropped ${overflow} usage rows: the database has refused writes for too long`);
        }
        this.scheduleRetry();
        return;
      }
    }
  }

  private scheduleRetry(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, Math.max(this.options.flushMs, 5_000));
    this.timer.unref();
  }
}
