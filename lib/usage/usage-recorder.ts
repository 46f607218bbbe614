import { db, isDatabaseUnavailable } from '../db';
import type { Logger } from '../log';
import { insertUsageRows } from './insert-usage-rows';
import type { UsageRecord } from './usage-record';

// Usage rows are written off the response path: record() only queues; a timer or a full batch writes them
// with one INSERT … ON CONFLICT DO NOTHING (insert-usage-rows.ts), so a row recorded twice under the same
// request_id is stored once. flush() drains the queue at shutdown and in tests. A batch the database refuses while it
// answers is split until the rows it cannot store are found: those are logged and dropped, the others written, so one
// bad row never holds back the rest. While the database cannot be reached, rows wait and are retried.

/** Where finished requests leave their rows. */
export type UsageSink = { record(row: UsageRecord): void };

export type UsageRecorderOptions = {
  flushMs: number;
  batchSize: number;
  logger: Logger;
  /** Writes one batch; the usage table by default. */
  insert?: (rows: UsageRecord[]) => Promise<void>;
  /** Resolves when the database answers, rejects when it cannot be reached; `SELECT 1` by default. */
  probe?: () => Promise<unknown>;
};

/** Rows kept for a retry when the database refuses a batch; beyond this the oldest are dropped (and logged). */
const MAX_PENDING_ROWS = 50_000;

export class UsageRecorder implements UsageSink {
  private queue: UsageRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  private readonly insert: (rows: UsageRecord[]) => Promise<void>;
  private readonly probe: () => Promise<unknown>;

  constructor(private readonly options: UsageRecorderOptions) {
    this.insert = options.insert ?? insertUsageRows;
    this.probe = options.probe ?? (() => db.$queryRaw`SELECT 1`);
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
  private rejectedRows = 0;

  /** Rows waiting to be written (while the database is down they wait here, up to MAX_PENDING_ROWS). */
  get pending(): number {
    return this.queue.length;
  }

  /** Rows given up since the start: the queue overflowed while the database refused writes. */
  get dropped(): number {
    return this.droppedRows;
  }

  /** Rows the database refused to store (a value it cannot hold) and that were dropped, since the start. */
  get rejected(): number {
    return this.rejectedRows;
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
      const unwritten = await this.writeRows(batch);
      if (unwritten.length > 0) {
        this.queue.unshift(...unwritten);
        const overflow = this.queue.length - MAX_PENDING_ROWS;
        if (overflow > 0) {
          this.queue.splice(0, overflow);
          this.droppedRows += overflow;
          this.options.logger.error({ dropped_rows: overflow }, `dropped ${overflow} usage rows: the database has refused writes for too long`);
        }
        this.scheduleRetry();
        return;
      }
    }
  }

  /** Writes the rows it can; returns those left unwritten because the database cannot be reached. */
  private async writeRows(rows: UsageRecord[]): Promise<UsageRecord[]> {
    try {
      await this.insert(rows);
      return [];
    } catch (error) {
      if (!(await this.refusedWhileAnswering(error))) {
        this.options.logger.error(`writing ${rows.length} usage rows failed, will retry: ${lastLine(error)}`);
        return rows;
      }
      if (rows.length === 1) {
        this.rejectedRows += 1;
        // The request id finds the request in the logs; the row's values stay out of them.
        this.options.logger.error({ request_id: rows[0].requestId }, `dropped the usage row of request ${rows[0].requestId}: the database refused it: ${lastLine(error)}`);
        return [];
      }
      const half = Math.ceil(rows.length / 2);
      const unwritten = await this.writeRows(rows.slice(0, half));
      return unwritten.length > 0 ? [...unwritten, ...rows.slice(half)] : this.writeRows(rows.slice(half));
    }
  }

  /** The database answers, so the failure was about these rows, not about reaching it. */
  private async refusedWhileAnswering(error: unknown): Promise<boolean> {
    if (isDatabaseUnavailable(error)) return false;
    try {
      await this.probe();
      return true;
    } catch {
      return false;
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

/** Prisma's messages open with the call site over several lines; the database's own words are on the last. */
function lastLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().split('\n').pop() ?? '';
}
