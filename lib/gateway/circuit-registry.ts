import { CircuitBreakers } from './circuit-breaker';
import { getGatewaySettings } from './settings';

const holder = globalThis as unknown as { axongateCircuits?: CircuitBreakers };

/** The process's circuit breakers, one per route key. */
export function getCircuitBreakers(): CircuitBreakers {
  if (!holder.axongateCircuits) {
    const settings = getGatewaySettings();
    holder.axongateCircuits = new CircuitBreakers({ failureThreshold: settings.circuitFailures, cooldownMs: settings.circuitCooldownMs });
  }
  return holder.axongateCircuits;
}

/** Tests start each case with every circuit closed. */
export function resetCircuitBreakersForTests(): void {
  holder.axongateCircuits = undefined;
}
