import { createHash, randomBytes } from 'node:crypto';

// What clients send: `sk-ag-` + 32 random bytes in base62. Only the SHA-256 is stored; the gateway
// authenticates by hashing what it receives with `hashUserToken`. No `server-only` here, so the gateway
// can use this module from any server.

export const USER_TOKEN_PREFIX = 'sk-ag-';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_BYTES = 32;
/** 62^43 > 2^256 > 62^42: every 32-byte value fits in 43 digits, and 42 would not always be enough. */
export const USER_TOKEN_BODY_LENGTH = 43;
export const USER_TOKEN_PATTERN = /^sk-ag-[0-9A-Za-z]{43}$/;

export type NewUserTokenSecret = { plaintext: string; hash: string; prefix: string };

/**
 * Base62 of the bytes read as one big-endian integer, left-padded to a fixed width. The mapping is a
 * bijection from 32-byte values onto its range, so uniformly random bytes give an unbiased token
 * (per-byte `% 62` would favour the first digits).
 */
export function encodeBase62(bytes: Uint8Array, width: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let digits = '';
  while (value > 0n) {
    digits = ALPHABET[Number(value % 62n)] + digits;
    value /= 62n;
  }
  if (digits.length > width) throw new RangeError(`${bytes.length} bytes do not fit in ${width} base62 digits`);
  return digits.padStart(width, ALPHABET[0]);
}

export function hashUserToken(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** What lists show so people can tell their tokens apart: the first 10 characters. */
export function userTokenPrefixOf(plaintext: string): string {
  return `${plaintext.slice(0, 10)}…`;
}

export function generateUserTokenSecret(): NewUserTokenSecret {
  const plaintext = USER_TOKEN_PREFIX + encodeBase62(randomBytes(SECRET_BYTES), USER_TOKEN_BODY_LENGTH);
  return { plaintext, hash: hashUserToken(plaintext), prefix: userTokenPrefixOf(plaintext) };
}
