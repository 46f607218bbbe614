// Counts the model requests still being answered (streams included), so shutdown can wait for them, and tells
// the ones still running when the shutdown deadline has come.

export class InFlightRequests {
  private count = 0;
  private isLeaving = false;
  private isDraining = false;
  private readonly idleWaiters = new Set<() => void>();
  private readonly deadline = new AbortController();

  /** Aborts when shutdown's grace period is over: running streams end themselves then. */
  readonly deadlinePassed: AbortSignal = this.deadline.signal;

  /** Marks one request as started; call the returned function exactly once when its answer is complete. */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const notify of this.idleWaiters) notify();
    };
  }

  get size(): number {
    return this.count;
  }

  /** True once shutdown began: health answers 503 so load balancers stop choosing this instance. */
  get leaving(): boolean {
    return this.isLeaving;
  }

  /** True once the instance stopped taking requests: new ones are turned away so a load balancer sends them elsewhere. */
  get draining(): boolean {
    return this.isDraining;
  }

  startLeaving(): void {
    this.isLeaving = true;
  }

  startDraining(): void {
    this.isLeaving = true;
    this.isDraining = true;
  }

  /** The grace period is over: every request still running ends now. */
  passDeadline(): void {
    this.deadline.abort();
  }

  /** Resolves when no request is in flight, or after `timeoutMs`, whichever comes first; true if idle. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(onIdle);
    });
  }
}
