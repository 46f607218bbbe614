import { describe, expect, it } from 'vitest';
import { InFlightRequests } from './in-flight';

describe('in-flight request tracking', () => {
  it('counts each request once, even when its end is reported twice', () => {
    const inFlight = new InFlightRequests();
    const end = inFlight.begin();
    inFlight.begin();
    expect(inFlight.size).toBe(2);
    end();
    end();
    expect(inFlight.size).toBe(1);
  });

  it('resolves waitForIdle when the last request ends', async () => {
    const inFlight = new InFlightRequests();
    const end = inFlight.begin();
    const idle = inFlight.waitForIdle(5_000);
    setTimeout(end, 20);
    await expect(idle).resolves.toBe(true);
  });

  it('gives up at the deadline when a request is still running', async () => {
    const inFlight = new InFlightRequests();
    inFlight.begin();
    await expect(inFlight.waitForIdle(30)).resolves.toBe(false);
  });

  it('reports draining once shutdown starts', () => {
    const inFlight = new InFlightRequests();
    expect(inFlight.draining).toBe(false);
    inFlight.startDraining();
    expect(inFlight.draining).toBe(true);
  });
});
