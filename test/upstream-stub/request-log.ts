// Every request the stub received, in order, with promises to wait for the next one or for a client abort.
import type { RecordedRequest, RequestOutcome } from './types';

type Waiter = { match: (request: RecordedRequest) => boolean; resolve: (request: RecordedRequest) => void };

export type NewRecord = Omit<RecordedRequest, 'outcome' | 'settled'>;

const defaultTimeoutMs = 5_000;

export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  private waiters: Waiter[] = [];
  /** The seq `next()` hands out next: each request once, in arrival order, whenever it arrived. */
  private cursor = 1;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  /** Records a request; the returned function settles its outcome once the exchange is over. */
  add(fields: NewRecord): { record: RecordedRequest; settle: (outcome: Exclude<RequestOutcome, 'pending'>) => void } {
    let resolveSettled: (outcome: RequestOutcome) => void = () => {};
    const settled = new Promise<RequestOutcome>((resolve) => (resolveSettled = resolve));
    const record: RecordedRequest = { ...fields, outcome: 'pending', settled };
    this.entries.push(record);
    if (this.entries.length > this.limit) this.entries.shift();
    this.notify(record);
    const settle = (outcome: Exclude<RequestOutcome, 'pending'>) => {
      if (record.outcome !== 'pending') return;
      record.outcome = outcome;
      resolveSettled(outcome);
    };
    return { record, settle };
  }

  /** The request after the one the previous call returned, waiting for it to arrive if needed. */
  async next(timeoutMs = defaultTimeoutMs): Promise<RecordedRequest> {
    const oldest = this.entries[0]?.seq ?? this.cursor;
    const seq = Math.max(this.cursor, oldest);
    this.cursor = seq + 1;
    return this.waitFor((request) => request.seq === seq, timeoutMs, `request #${seq}`);
  }

  /** The first request, already received or still to come, that matches. */
  waitFor(match: (request: RecordedRequest) => boolean, timeoutMs = defaultTimeoutMs, what = 'a matching request') {
    const found = this.entries.find(match);
    if (found) return Promise.resolve(found);
    return this.wait(match, timeoutMs, what);
  }

  /** The first request whose client closed the connection before the response finished. */
  waitForAbort(timeoutMs = defaultTimeoutMs): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((other) => other !== waiter);
        settle();
      };
      // Never "matches" on arrival: it watches each request's outcome instead.
      const watch = (request: RecordedRequest) => {
        void request.settled.then((outcome) => {
          if (outcome === 'aborted') finish(() => resolve(request));
        });
        return false;
      };
      const waiter: Waiter = { match: watch, resolve: () => {} };
      const timer = setTimeout(() => finish(() => reject(new Error(`no client abort within ${timeoutMs} ms`))), timeoutMs);
      this.entries.forEach(watch);
      this.waiters.push(waiter);
    });
  }

  clear(): void {
    this.cursor = (this.entries.at(-1)?.seq ?? this.cursor - 1) + 1;
    this.entries.length = 0;
    this.waiters = [];
  }

  private wait(match: (request: RecordedRequest) => boolean, timeoutMs: number, what: string) {
    return new Promise<RecordedRequest>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private notify(request: RecordedRequest): void {
    const matched = this.waiters.filter((waiter) => waiter.match(request));
    this.waiters = this.waiters.filter((waiter) => !matched.includes(waiter));
    for (const waiter of matched) waiter.resolve(request);
  }
}
