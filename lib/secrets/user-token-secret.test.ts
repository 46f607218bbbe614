import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase62, generateUserTokenSecret, USER_TOKEN_BODY_LENGTH, USER_TOKEN_PATTERN } from './user-token-secret';

describe('user token secrets', () => {
  it('has the sk-ag- prefix and 43 base62 digits, the width 32 bytes need', () => {
    expect(62 ** (USER_TOKEN_BODY_LENGTH - 1)).toBeLessThan(2 ** 256);
    expect(62 ** USER_TOKEN_BODY_LENGTH).toBeGreaterThan(2 ** 256);
    for (let n = 0; n < 50; n++) expect(generateUserTokenSecret().plaintext).toMatch(USER_TOKEN_PATTERN);
  });

  it('stores the SHA-256 hex of the plaintext and a short display prefix', () => {
    const secret = generateUserTokenSecret();
    expect(secret.hash).toBe(createHash('sha256').update(secret.plaintext).digest('hex'));
    expect(secret.prefix).toBe(`${secret.plaintext.slice(0, 10)}…`);
  });

  it('encodes bytes as one big number, so the extremes are exact', () => {
    expect(encodeBase62(new Uint8Array(32), 43)).toBe('0'.repeat(43));
    expect(encodeBase62(Uint8Array.of(61), 3)).toBe('00z');
    expect(encodeBase62(Uint8Array.of(62), 3)).toBe('010');
    const max = encodeBase62(new Uint8Array(32).fill(255), 43);
    expect(BigInt(`0x${'ff'.repeat(32)}`)).toBe(decode(max));
    expect(() => encodeBase62(new Uint8Array(33).fill(255), 43)).toThrow(RangeError);
  });

  it('spreads digits evenly over many tokens', () => {
    const counts = new Map<string, number>();
    const samples = 2000;
    // The leading digit is limited by 2^256 < 62^43; skip it and count the rest.
    for (let n = 0; n < samples; n++) {
      for (const digit of generateUserTokenSecret().plaintext.slice(7)) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    }
    const expected = (samples * (USER_TOKEN_BODY_LENGTH - 1)) / 62;
    expect(counts.size).toBe(62);
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateUserTokenSecret().plaintext));
    expect(seen.size).toBe(1000);
  });
});

function decode(digits: string): bigint {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return [...digits].reduce((value, digit) => value * 62n + BigInt(alphabet.indexOf(digit)), 0n);
}
