// One breaker per route (model row × provider key): after `failureThreshold` consecutive failures the route
// is skipped for `cooldownMs`; then exactly one trial request is let through, and its outcome closes the
// breaker again or re-opens it for another cool-down.

export type CircuitState = 'closed' | 'open' | 'half-open';

type Breaker = {
  failures: number;
  openedAt: number | null;
  /** A half-open trial is in flight: everyone else keeps skipping the route until it reports. */
  trialInFlight: boolean;
};

export type CircuitBreakerOptions = {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
};

export class CircuitBreakers {
  private readonly breakers = new Map<string, Breaker>();
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  stateOf(routeKey: string): CircuitState {
    const breaker = this.breakers.get(routeKey);
    if (!breaker || breaker.openedAt === null) return 'closed';
    if (breaker.trialInFlight || this.now() - breaker.openedAt >= this.options.cooldownMs) return 'half-open';
    return 'open';
  }

  /** Whether the route may be ordered among candidates right now (does not claim the half-open trial). */
  isAvailable(routeKey: string): boolean {
    const breaker = this.breakers.get(routeKey);
    if (!breaker || breaker.openedAt === null) return true;
    return !breaker.trialInFlight && this.now() - breaker.openedAt >= this.options.cooldownMs;
  }

  /** Claims the right to send a request on the route; for a half-open route only the first caller gets it. */
  tryAcquire(routeKey: string): boolean {
    const breaker = this.breakers.get(routeKey);
    if (!breaker || breaker.openedAt === null) return true;
    if (!this.isAvailable(routeKey)) return false;
    breaker.trialInFlight = true;
    return true;
  }

  recordSuccess(routeKey: string): void {
    this.breakers.delete(routeKey);
  }

  recordFailure(routeKey: string): void {
    const breaker = this.breakers.get(routeKey) ?? { failures: 0, openedAt: null, trialInFlight: false };
    breaker.failures += 1;
    if (breaker.trialInFlight || breaker.failures >= this.options.failureThreshold) breaker.openedAt = this.now();
    breaker.trialInFlight = false;
    this.breakers.set(routeKey, breaker);
  }

  /**
   * The attempt ended without a verdict on the route (the client left, or the request itself was bad):
   * release a half-open trial so the next request can decide.
   */
  release(routeKey: string): void {
    const breaker = this.breakers.get(routeKey);
    if (breaker) breaker.trialInFlight = false;
  }

  /** Every route not closed, for metrics and the dashboard. */
  snapshot(): Record<string, CircuitState> {
    const states: Record<string, CircuitState> = {};
    for (const key of this.breakers.keys()) {
      const state = this.stateOf(key);
      if (state !== 'closed') states[key] = state;
    }
    return states;
  }
}
