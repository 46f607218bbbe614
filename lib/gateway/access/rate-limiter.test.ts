import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rate-limiter';

describe('SlidingWindowLimiter', () => {
  it('allows up to the limit within a minute, then answers with the seconds until a slot frees', () => {
    let time = 0;
    const limiter = new SlidingWindowLimiter(() => time);
    expect(limiter.take('1', 2)).toEqual({ allowed: true });
    time = 20_000;
    expect(limiter.take('1', 2)).toEqual({ allowed: true });
    time = 30_000;
    expect(limiter.take('1', 2)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('slides: a request leaves the window 60 s after it was made', () => {
    let time = 0;
    const limiter = new SlidingWindowLimiter(() => time);
    limiter.take('1', 2);
    time = 20_000;
    limiter.take('1', 2);
    time = 60_001;
    expect(limiter.take('1', 2)).toEqual({ allowed: true });
    expect(limiter.take('1', 2)).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it('keeps tokens apart and does not count refused requests', () => {
    let time = 0;
    const limiter = new SlidingWindowLimiter(() => time);
    limiter.take('1', 1);
    for (let i = 0; i < 5; i++) expect(limiter.take('1', 1).allowed).toBe(false);
    expect(limiter.take('2', 1).allowed).toBe(true);
    time = 60_001;
    expect(limiter.take('1', 1).allowed).toBe(true);
  });
});
