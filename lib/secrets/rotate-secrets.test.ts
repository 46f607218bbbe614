import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { getConfig } from '../config';
import { getActiveVaultKeyId, openSecret, processVault, sealSecret, Vault } from './index';
import { describeRotation, rotateSecrets, type RotationResult } from './rotate-secrets';

// Rotation re-seals every row of the run's shared database, so it uses the shared data directory: files that
// run later load the ring from there and find the new active key.

const providerName = `rotation-test-${randomBytes(4).toString('hex')}`;
const secretName = `rotation-test-${randomBytes(4).toString('hex')}`;
const plainTokens = ['sk-one', 'sk-two-'.repeat(300), 'sk-thrée-🔑'];
const plainSecret = 'app secret value';

let providerId: number;

async function readKeyIdsOfAllRows(): Promise<string[]> {
  const tokens = await db.providerToken.findMany({ select: { token: true } });
  const secrets = await db.appSecret.findMany({ select: { value: true } });
  return [...tokens.map((row) => row.token), ...secrets.map((row) => row.value)].map((sealed) => sealed.split('.')[1]);
}

beforeAll(async () => {
  const provider = await db.provider.create({
    data: { name: providerName, modelType: 'anthropic', apiUrl: 'https://api.example.test' },
  });
  providerId = provider.id;
  for (const plain of plainTokens) {
    await db.providerToken.create({ data: { providerId, token: await sealSecret(plain), tokenHint: 'sk-...' } });
  }
  await db.appSecret.create({ data: { name: secretName, value: await sealSecret(plainSecret) } });
});

afterAll(async () => {
  await db.provider.deleteMany({ where: { name: providerName } });
  await db.appSecret.deleteMany({ where: { name: secretName } });
});

describe('rotateSecrets', () => {
  it('a row that cannot be opened aborts the rotation and leaves every row as it was', async () => {
    const before = await db.providerToken.findMany({ where: { providerId }, orderBy: { id: 'asc' } });
    const orphan = (await sealSecret('sk-orphan')).replace(/^v1\.[0-9a-f]{16}\./, 'v1.0123456789abcdef.');
    const bad = await db.providerToken.create({ data: { providerId, token: orphan, tokenHint: 'sk-...' } });
    try {
      await expect(rotateSecrets(processVault())).rejects.toThrow(`no row was changed: cannot open provider_tokens id ${bad.id}`);
    } finally {
      await db.providerToken.delete({ where: { id: bad.id } });
    }
    const after = await db.providerToken.findMany({ where: { providerId }, orderBy: { id: 'asc' } });
    expect(after.map((row) => row.token)).toEqual(before.map((row) => row.token));
  });

  it('re-seals every secret under a new active key and keeps secrets of the old key readable', async () => {
    const previousKeyId = await getActiveVaultKeyId();
    const sealedBeforeRotation = await sealSecret('sealed before rotation, stored nowhere');

    const result = await rotateSecrets(processVault());

    expect(result.previousKeyId).toBe(previousKeyId);
    expect(result.newKeyId).not.toBe(previousKeyId);
    expect(result.providerTokens).toBeGreaterThanOrEqual(plainTokens.length);
    expect(result.appSecrets).toBeGreaterThanOrEqual(1);
    expect((await stat(result.newKeyPath)).mode & 0o777).toBe(0o600);
    expect(new Set(await readKeyIdsOfAllRows())).toEqual(new Set([result.newKeyId]));

    const tokens = await db.providerToken.findMany({ where: { providerId }, orderBy: { id: 'asc' } });
    expect(await Promise.all(tokens.map((row) => openSecret(row.token)))).toEqual(plainTokens);
    const secret = await db.appSecret.findUniqueOrThrow({ where: { name: secretName } });
    expect(await openSecret(secret.value)).toBe(plainSecret);

    expect(await openSecret(sealedBeforeRotation)).toBe('sealed before rotation, stored nowhere');
    expect(await getActiveVaultKeyId()).toBe(result.newKeyId);
    expect((await sealSecret('new')).split('.')[1]).toBe(result.newKeyId);

    // A restarted instance reads `active` from disk and still has the old pair in its ring.
    const restarted = new Vault(getConfig());
    expect(await restarted.activeKeyId()).toBe(result.newKeyId);
    expect(await restarted.open(sealedBeforeRotation)).toBe('sealed before rotation, stored nowhere');
  });
});

describe('describeRotation', () => {
  const base: RotationResult = {
    previousKeyId: '1111111111111111',
    previousSource: { kind: 'file', path: '/data/keys/1111111111111111.pem' },
    newKeyId: '2222222222222222',
    newKeyPath: '/data/keys/2222222222222222.pem',
    providerTokens: 3,
    appSecrets: 1,
  };

  it('with keys from the data directory, names the new key file and asks for nothing else', () => {
    const text = describeRotation(base).join('\n');
    expect(text).toContain('Re-encrypted 3 provider token(s) and 1 app secret(s).');
    expect(text).toContain('/data/keys/2222222222222222.pem');
    expect(text).not.toContain('ACTION NEEDED');
  });

  it('with a key from AXONGATE_RSA_PRIVATE_KEY_FILE, tells the operator which variable to change to which path', () => {
    const text = describeRotation({
      ...base,
      previousSource: { kind: 'env', variable: 'AXONGATE_RSA_PRIVATE_KEY_FILE', path: '/etc/axongate/key.pem' },
    }).join('\n');
    expect(text).toContain('ACTION NEEDED');
    expect(text).toContain('AXONGATE_RSA_PRIVATE_KEY_FILE=/etc/axongate/key.pem');
    expect(text).toContain('Set AXONGATE_RSA_PRIVATE_KEY_FILE=/data/keys/2222222222222222.pem');
    expect(text).toContain('/data/keys/1111111111111111.pem');
  });

  it('with an inline AXONGATE_RSA_PRIVATE_KEY, asks to remove it in favour of the new key file', () => {
    const text = describeRotation({ ...base, previousSource: { kind: 'env', variable: 'AXONGATE_RSA_PRIVATE_KEY' } }).join('\n');
    expect(text).toContain('Set AXONGATE_RSA_PRIVATE_KEY_FILE=/data/keys/2222222222222222.pem and remove AXONGATE_RSA_PRIVATE_KEY');
  });
});
