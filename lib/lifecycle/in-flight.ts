// Counts the model requests still being answered (streams included), so shutdown can wait for them.

const state = globalThis as unknown as { axongateInFlight?: { count: number; draining: boolean; idle: Set<() => void> } };
const inFlight = (state.axongateInFlight ??= { count: 0, draining: false, idle: new Set() });

/** Marks one request as started; call the returned function exactly once when its answer is complete. */
export function beginRequest(): () => void {
  inFlight.count += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight.count -= 1;
    if (inFlight.count === 0) for (const notify of inFlight.idle) notify();
  };
}

export function inFlightRequests(): number {
  return inFlight.count;
}

/** True once shutdown began: new requests are turned away so a load balancer sends them elsewhere. */
export function isDraining(): boolean {
  return inFlight.draining;
}

export function startDraining(): void {
  inFlight.draining = true;
}

/** Resolves when no request is in flight, or after `timeoutMs`, whichever comes first; true if idle. */
export function waitForIdle(timeoutMs: number): Promise<boolean> {
  if (inFlight.count === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (idle: boolean) => {
      clearTimeout(timer);
      inFlight.idle.delete(onIdle);
      resolve(idle);
    };
    const onIdle = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    inFlight.idle.add(onIdle);
  });
}

export function resetInFlightForTests(): void {
  inFlight.count = 0;
  inFlight.draining = false;
  inFlight.idle.clear();
}
