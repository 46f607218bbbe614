import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openWithKey, parseSealed, sealWithKey } from './envelope';
import { SecretIntegrityError } from './errors';
import { parseVaultKey, type VaultKey } from './vault-key';

function createKey(): VaultKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return parseVaultKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'test key');
}

const key = createKey();
const otherKey = createKey();

function open(sealed: string, with_ = key): string {
  return openWithKey(parseSealed(sealed), with_);
}

/** Flips one bit inside one base64url field (index 2 wrapped key, 3 iv, 4 tag, 5 ciphertext) and re-encodes it. */
function flipBit(sealed: string, field: number): string {
  const fields = sealed.split('.');
  const bytes = Buffer.from(fields[field], 'base64url');
  bytes[bytes.length - 1] ^= 0x01;
  fields[field] = bytes.toString('base64url');
  return fields.join('.');
}

describe('envelope', () => {
  it('seals to v1.<keyId>.<wrapped>.<iv>.<tag>.<ciphertext> and opens back', () => {
    const sealed = sealWithKey('sk-live-ü-🔑', key);
    expect(sealed).toMatch(new RegExp(`^v1\\.${key.id}\\.[\\w-]+\\.[\\w-]{16}\\.[\\w-]{22}\\.[\\w-]+$`));
    expect(open(sealed)).toBe('sk-live-ü-🔑');
  });

  it('opens an empty secret', () => {
    expect(open(sealWithKey('', key))).toBe('');
  });

  it('uses a fresh data key and iv every time', () => {
    expect(sealWithKey('same', key)).not.toBe(sealWithKey('same', key));
  });

  it.each([
    ['wrapped key', 2],
    ['iv', 3],
    ['tag', 4],
    ['ciphertext', 5],
  ])('a flipped bit in the %s throws SecretIntegrityError', (_name, field) => {
    const sealed = sealWithKey('a provider key that must not leak', key);
    expect(() => open(flipBit(sealed, field))).toThrow(SecretIntegrityError);
  });

  it('a changed character that only moves unused base64 bits is still rejected', () => {
    // 4 bytes of ciphertext end in a character whose 4 low bits carry no data: Node alone would decode the same bytes.
    const sealed = sealWithKey('abcd', key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const edited = sealed.slice(0, -1) + alphabet[alphabet.indexOf(sealed.at(-1) ?? 'A') ^ 1];
    expect(Buffer.from(edited.split('.')[5], 'base64url')).toEqual(Buffer.from(sealed.split('.')[5], 'base64url'));
    expect(() => open(edited)).toThrow(SecretIntegrityError);
  });

  it('a secret relabelled with another key id does not open under that key', () => {
    const sealed = sealWithKey('abc', key).replace(key.id, otherKey.id);
    expect(() => open(sealed, otherKey)).toThrow(SecretIntegrityError);
  });

  it('truncated or foreign strings are rejected before any decryption', () => {
    const sealed = sealWithKey('abc', key);
    for (const bad of ['', 'sk-plaintext', sealed.split('.').slice(0, 5).join('.'), sealed.replace(/^v1/, 'v2'), `${sealed}.x`]) {
      expect(() => parseSealed(bad)).toThrow(SecretIntegrityError);
    }
  });

  it('error messages never contain the plaintext', () => {
    const sealed = sealWithKey('PLAINTEXT-MARKER', key);
    try {
      open(flipBit(sealed, 5));
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('PLAINTEXT-MARKER');
    }
  });
});
