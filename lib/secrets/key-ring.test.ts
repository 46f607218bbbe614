import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VaultKeyConfigError, VaultKeyMissingError } from './errors';
import { claimActivePointer, writeNewKeyFile } from './key-files';
import { ensureVaultKey, getActiveVaultKeyId, openSecret, resetVaultForTests, sealSecret } from './index';
import { createTempDataDir, switchVaultEnv } from './test-support';
import { computeKeyId } from './vault-key';

function createPem(): { pem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), keyId: computeKeyId(publicKey) };
}

describe('vault key ring', () => {
  let dataDir: string;
  let restoreEnv: () => void;

  beforeEach(async () => {
    dataDir = await createTempDataDir();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir });
  });

  afterEach(async () => {
    restoreEnv();
    vi.restoreAllMocks();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('first start generates a 3072-bit key file with mode 0600 in a 0700 directory and logs its path', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await ensureVaultKey();

    const keyId = await getActiveVaultKeyId();
    const keyPath = path.join(dataDir, 'keys', `${keyId}.pem`);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, 'keys'))).mode & 0o777).toBe(0o700);
    expect((await readFile(path.join(dataDir, 'keys', 'active'), 'utf8')).trim()).toBe(keyId);
    const pem = await readFile(keyPath, 'utf8');
    expect(createPrivateKey(pem).asymmetricKeyDetails?.modulusLength).toBe(3072);

    const logged = info.mock.calls.flat().join('\n');
    expect(logged).toContain(keyPath);
    expect(logged).not.toContain('PRIVATE KEY');
    expect(logged).not.toContain(pem.split('\n')[1]);
  });

  it('a second start reuses the key and opens what the first sealed', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const sealed = await sealSecret('sk-first-start');
    const firstId = await getActiveVaultKeyId();

    resetVaultForTests();
    await ensureVaultKey();
    expect(await getActiveVaultKeyId()).toBe(firstId);
    expect(await openSecret(sealed)).toBe('sk-first-start');
    expect(console.info).toHaveBeenCalledTimes(1);
  });

  it('AXONGATE_RSA_PRIVATE_KEY is used when set, and nothing is written to the data directory', async () => {
    const { pem, keyId } = createPem();
    restoreEnv();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY: pem });

    const sealed = await sealSecret('sk-env');
    expect(sealed.split('.')[1]).toBe(keyId);
    expect(await openSecret(sealed)).toBe('sk-env');
    await expect(stat(path.join(dataDir, 'keys'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('AXONGATE_RSA_PRIVATE_KEY accepts a one-line PEM with literal \\n sequences', async () => {
    const { pem, keyId } = createPem();
    restoreEnv();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY: pem.trim().replaceAll('\n', '\\n') });
    expect(await getActiveVaultKeyId()).toBe(keyId);
  });

  it('AXONGATE_RSA_PRIVATE_KEY_FILE is used when set', async () => {
    const { pem, keyId } = createPem();
    const keyFile = path.join(dataDir, 'operator-key.pem');
    await writeFile(keyFile, pem, { mode: 0o600 });
    restoreEnv();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY_FILE: keyFile });

    const sealed = await sealSecret('sk-env-file');
    expect(sealed.split('.')[1]).toBe(keyId);
    expect(await openSecret(sealed)).toBe('sk-env-file');
  });

  it('an env key joins the ring: secrets sealed by the generated key still open', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const sealedByGenerated = await sealSecret('sk-generated');
    const { pem } = createPem();
    restoreEnv();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY: pem });
    expect(await openSecret(sealedByGenerated)).toBe('sk-generated');
  });

  it('setting both env variables, or a key that is not RSA, is a clear configuration error', async () => {
    const { pem } = createPem();
    restoreEnv();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY: pem, AXONGATE_RSA_PRIVATE_KEY_FILE: '/x.pem' });
    await expect(ensureVaultKey()).rejects.toThrow(/only one of/);

    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    restoreEnv();
    restoreEnv = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY: ecPem });
    const failure = ensureVaultKey();
    await expect(failure).rejects.toThrow(VaultKeyConfigError);
    await expect(failure).rejects.not.toThrow(/BEGIN/);
  });

  it('an active pointer naming a missing key stops the start instead of generating a new key', async () => {
    const keysDir = path.join(dataDir, 'keys');
    const created = await writeNewKeyFile(keysDir);
    await claimActivePointer(keysDir, created.key.id);
    await rm(created.path);
    await expect(ensureVaultKey()).rejects.toThrow(VaultKeyMissingError);
  });

  it('a key file added after the ring was loaded is found by its id', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await ensureVaultKey();
    const { pem, keyId } = createPem();
    const sealedElsewhere = await (async () => {
      const restoreInner = switchVaultEnv({ AXONGATE_DATA_DIR: dataDir, AXONGATE_RSA_PRIVATE_KEY: pem });
      try {
        return await sealSecret('sk-from-another-instance');
      } finally {
        restoreInner();
      }
    })();
    await ensureVaultKey();
    await expect(openSecret(sealedElsewhere)).rejects.toThrow(VaultKeyMissingError);

    await writeFile(path.join(dataDir, 'keys', `${keyId}.pem`), pem, { mode: 0o600 });
    expect(await openSecret(sealedElsewhere)).toBe('sk-from-another-instance');
  });

  it('instances racing on an empty directory agree on one active key', async () => {
    const keysDir = path.join(dataDir, 'keys');
    const [first, second] = await Promise.all([writeNewKeyFile(keysDir), writeNewKeyFile(keysDir)]);
    const winners = await Promise.all([claimActivePointer(keysDir, first.key.id), claimActivePointer(keysDir, second.key.id)]);
    expect(winners[0]).toBe(winners[1]);
    expect([first.key.id, second.key.id]).toContain(winners[0]);
  });
});
