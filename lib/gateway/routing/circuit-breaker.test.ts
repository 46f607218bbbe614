import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from './circuit-breaker';

function setup() {
  let time = 0;
  const breakers = new CircuitBreakers({ failureThreshold: 3, cooldownMs: 1000, now: () => time });
  return { breakers, advance: (ms: number) => (time += ms) };
}

describe('CircuitBreakers', () => {
  it('stays closed below the threshold and a success resets the count', () => {
    const { breakers } = setup();
    breakers.recordFailure('r');
    breakers.recordFailure('r');
    breakers.recordSuccess('r');
    breakers.recordFailure('r');
    breakers.recordFailure('r');
    expect(breakers.stateOf('r')).toBe('closed');
    expect(breakers.tryAcquire('r')).toBe(true);
  });

  it('opens after N consecutive failures and skips the route during the cool-down', () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) breakers.recordFailure('r');
    expect(breakers.stateOf('r')).toBe('open');
    expect(breakers.isAvailable('r')).toBe(false);
    advance(999);
    expect(breakers.tryAcquire('r')).toBe(false);
  });

  it('lets exactly one half-open trial through after the cool-down', () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) breakers.recordFailure('r');
    advance(1000);
    expect(breakers.stateOf('r')).toBe('half-open');
    expect(breakers.tryAcquire('r')).toBe(true);
    expect(breakers.tryAcquire('r')).toBe(false);
    expect(breakers.isAvailable('r')).toBe(false);
  });

  it('closes when the trial succeeds', () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) breakers.recordFailure('r');
    advance(1000);
    breakers.tryAcquire('r');
    breakers.recordSuccess('r');
    expect(breakers.stateOf('r')).toBe('closed');
  });

  it('re-opens for a full cool-down when the trial fails', () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) breakers.recordFailure('r');
    advance(1000);
    breakers.tryAcquire('r');
    breakers.recordFailure('r');
    expect(breakers.stateOf('r')).toBe('open');
    advance(999);
    expect(breakers.isAvailable('r')).toBe(false);
    advance(1);
    expect(breakers.tryAcquire('r')).toBe(true);
  });

  it('a released trial lets the next request decide', () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) breakers.recordFailure('r');
    advance(1000);
    breakers.tryAcquire('r');
    breakers.release('r');
    expect(breakers.tryAcquire('r')).toBe(true);
  });

  it('keeps routes independent', () => {
    const { breakers } = setup();
    for (let i = 0; i < 3; i++) breakers.recordFailure('a');
    expect(breakers.isAvailable('b')).toBe(true);
    expect(breakers.snapshot()).toEqual({ a: 'open' });
  });
});
