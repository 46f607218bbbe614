import { insertUsageRows } from './insert-usage-rows';

// Usage rows are written off the response path: recordUsage() only queues; a timer or a full batch writes
// them with one INSERT … ON CONFLICT DO NOTHING (insert-usage-rows.ts), so a row recorded twice under
// the same request_id is stored once. flushUsage() drains the queue at shutdown and in tests.

export type UsageRecord = {
  requestId: string;
  userId: number | null;
  userTokenId: number | null;
  modelName: string;
  modelId: number | null;
  providerId: number | null;
  providerTokenId: number | null;
  providerModelName: string | null;
  clientProtocol: 'openai' | 'anthropic';
  upstreamProtocol: 'openai' | 'anthropic' | null;
  stream: boolean;
  status: 'ok' | 'error';
  httpStatus: number;
  errorType: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** Decimal strings (see usage-cost.ts). */
  inputCost: string;
  outputCost: string;
  totalCost: string;
  currency: 'USD' | 'CNY';
  latencyMs: number;
  ttftMs: number | null;
  attempts: number;
  createdAt: Date;
};

export type UsageRecorderOptions = { flushMs: number; batchSize: number };

/** Rows kept for a retry when the database refuses a batch; beyond this the oldest are dropped (and logged). */
const MAX_PENDING_ROWS = 50_000;

export class UsageRecorder {
  private queue: UsageRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: UsageRecorderOptions) {}

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

  get pending(): number {
    return this.queue.length;
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
        await insertUsageRows(batch);
      } catch (error) {
        console.error(`[axongate] writing ${batch.length} usage rows failed:`, (error as Error).message);
        this.queue.unshift(...batch);
        const overflow = this.queue.length - MAX_PENDING_ROWS;
        if (overflow > 0) {
          this.queue.splice(0, overflow);
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
