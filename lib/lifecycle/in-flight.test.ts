import { afterEach, describe, expect, it } from 'vitest';
import { beginRequest, inFlightRequests, isDraining, resetInFlightForTests, startDraining, waitForIdle } from './in-flight';

describe('in-flight request tracking', () => {
  afterEach(resetInFlightForTests);

  it('counts each request once, even when its end is reported twice', () => {
    const end = beginRequest();
    beginRequest();
    expect(inFlightRequests()).toBe(2);
    end();
    end();
    expect(inFlightRequests()).toBe(1);
  });

  it('resolves waitForIdle when the last request ends', async () => {
    const end = beginRequest();
    const idle = waitForIdle(5_000);
    setTimeout(end, 20);
    await expect(idle).resolves.toBe(true);
  });

  it('gives up at the deadline when a request is still running', async () => {
    beginRequest();
    await expect(waitForIdle(30)).resolves.toBe(false);
  });

  it('reports draining once shutdown starts', () => {
    expect(isDraining()).toBe(false);
    startDraining();
    expect(isDraining()).toBe(true);
  });
});
