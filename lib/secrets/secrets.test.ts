import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { openSecret, SecretIntegrityError, sealSecret, VaultKeyMissingError } from './index';

// Runs against the run's shared data directory and database (test/global-setup.ts).

const providerName = `vault-test-${randomBytes(4).toString('hex')}`;

function createProviderKey(length: number): string {
  return `sk-${randomBytes(length).toString('base64url')}`.slice(0, length);
}

/** Re-encodes one field of a sealed string with one bit flipped (2 wrapped key, 4 tag, 5 ciphertext). */
function flipBit(sealed: string, field: number): string {
  const fields = sealed.split('.');
  const bytes = Buffer.from(fields[field], 'base64url');
  bytes[Math.floor(bytes.length / 2)] ^= 0x80;
  fields[field] = bytes.toString('base64url');
  return fields.join('.');
}

afterAll(async () => {
  await db.provider.deleteMany({ where: { name: providerName } });
});

describe('sealSecret / openSecret', () => {
  it('a 4 KiB secret survives the round trip', async () => {
    const plain = createProviderKey(4096);
    const sealed = await sealSecret(plain);
    expect(await openSecret(sealed)).toBe(plain);
  });

  it.each([
    ['ciphertext', 5],
    ['tag', 4],
    ['wrapped key', 2],
  ])('tampered %s fails loudly with SecretIntegrityError', async (_name, field) => {
    const sealed = await sealSecret(createProviderKey(200));
    await expect(openSecret(flipBit(sealed, field))).rejects.toThrow(SecretIntegrityError);
  });

  it('a secret naming an unknown key pair fails with VaultKeyMissingError', async () => {
    const sealed = await sealSecret('sk-orphan');
    const orphaned = sealed.replace(/^v1\.[0-9a-f]{16}\./, 'v1.0123456789abcdef.');
    await expect(openSecret(orphaned)).rejects.toThrow(VaultKeyMissingError);
  });

  it('the database row alone holds neither the key nor any 16-character piece of it', async () => {
    const plain = createProviderKey(4096);
    const provider = await db.provider.create({
      data: { name: providerName, modelType: 'openai', apiUrl: 'https://api.example.test/v1' },
    });
    const stored = await db.providerToken.create({
      data: { providerId: provider.id, token: await sealSecret(plain), tokenHint: 'sk-...test' },
    });

    const rows = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM provider_tokens WHERE id = ${stored.id}`;
    const rawRow = JSON.stringify(rows[0]);
    for (let start = 0; start + 16 <= plain.length; start++) {
      if (rawRow.includes(plain.slice(start, start + 16))) {
        throw new Error(`raw row contains plaintext characters ${start}..${start + 16}`);
      }
    }
    expect(await openSecret(String(rows[0].token))).toBe(plain);
  });
});
