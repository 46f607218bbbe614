import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VaultKeyConfigError, VaultKeyMissingError } from './errors';
import { claimActivePointer, writeNewKeyFile } from './key-files';
import { processLogger } from '../log';
import { Vault, type VaultKeySettings } from './index';
import { computeKeyId } from './vault-key';

function createPem(): { pem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), keyId: computeKeyId(publicKey) };
}

describe('vault key ring', () => {
  let dataDir: string;
  /** A vault on this case's data directory, as a process started with these settings has it. */
  const vaultWith = (keys: Omit<VaultKeySettings, 'dataDir'> = {}) => new Vault({ dataDir, ...keys });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'axongate-vault-'));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('first start generates a 3072-bit key file with mode 0600 in a 0700 directory and logs its path', async () => {
    const info = vi.spyOn(processLogger, 'info').mockImplementation(() => undefined);
    const vault = vaultWith();
    await vault.ensureKey();

    const keyId = await vault.activeKeyId();
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
    vi.spyOn(processLogger, 'info').mockImplementation(() => undefined);
    const first = vaultWith();
    const sealed = await first.seal('sk-first-start');
    const firstId = await first.activeKeyId();

    const second = vaultWith();
    await second.ensureKey();
    expect(await second.activeKeyId()).toBe(firstId);
    expect(await second.open(sealed)).toBe('sk-first-start');
    expect(processLogger.info).toHaveBeenCalledTimes(1);
  });

  it('AXONGATE_RSA_PRIVATE_KEY is used when set, and nothing is written to the data directory', async () => {
    const { pem, keyId } = createPem();
    const vault = vaultWith({ AXONGATE_RSA_PRIVATE_KEY: pem });

    const sealed = await vault.seal('sk-env');
    expect(sealed.split('.')[1]).toBe(keyId);
    expect(await vault.open(sealed)).toBe('sk-env');
    await expect(stat(path.join(dataDir, 'keys'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('AXONGATE_RSA_PRIVATE_KEY accepts a one-line PEM with literal \\n sequences', async () => {
    const { pem, keyId } = createPem();
    expect(await vaultWith({ AXONGATE_RSA_PRIVATE_KEY: pem.trim().replaceAll('\n', '\\n') }).activeKeyId()).toBe(keyId);
  });

  it('AXONGATE_RSA_PRIVATE_KEY_FILE is used when set', async () => {
    const { pem, keyId } = createPem();
    const keyFile = path.join(dataDir, 'operator-key.pem');
    await writeFile(keyFile, pem, { mode: 0o600 });
    const vault = vaultWith({ AXONGATE_RSA_PRIVATE_KEY_FILE: keyFile });

    const sealed = await vault.seal('sk-env-file');
    expect(sealed.split('.')[1]).toBe(keyId);
    expect(await vault.open(sealed)).toBe('sk-env-file');
  });

  it('an env key joins the ring: secrets sealed by the generated key still open', async () => {
    vi.spyOn(processLogger, 'info').mockImplementation(() => undefined);
    const sealedByGenerated = await vaultWith().seal('sk-generated');
    const { pem } = createPem();
    expect(await vaultWith({ AXONGATE_RSA_PRIVATE_KEY: pem }).open(sealedByGenerated)).toBe('sk-generated');
  });

  it('setting both env variables, or a key that is not RSA, is a clear configuration error', async () => {
    const { pem } = createPem();
    await expect(vaultWith({ AXONGATE_RSA_PRIVATE_KEY: pem, AXONGATE_RSA_PRIVATE_KEY_FILE: '/x.pem' }).ensureKey()).rejects.toThrow(/only one of/);

    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const failure = vaultWith({ AXONGATE_RSA_PRIVATE_KEY: ecPem }).ensureKey();
    await expect(failure).rejects.toThrow(VaultKeyConfigError);
    await expect(failure).rejects.not.toThrow(/BEGIN/);
  });

  it('an active pointer naming a missing key stops the start instead of generating a new key', async () => {
    const keysDir = path.join(dataDir, 'keys');
    const created = await writeNewKeyFile(keysDir);
    await claimActivePointer(keysDir, created.key.id);
    await rm(created.path);
    await expect(vaultWith().ensureKey()).rejects.toThrow(VaultKeyMissingError);
  });

  it('a key file added after the ring was loaded is found by its id', async () => {
    vi.spyOn(processLogger, 'info').mockImplementation(() => undefined);
    const vault = vaultWith();
    await vault.ensureKey();
    const { pem, keyId } = createPem();
    const sealedElsewhere = await vaultWith({ AXONGATE_RSA_PRIVATE_KEY: pem }).seal('sk-from-another-instance');
    await expect(vault.open(sealedElsewhere)).rejects.toThrow(VaultKeyMissingError);

    await writeFile(path.join(dataDir, 'keys', `${keyId}.pem`), pem, { mode: 0o600 });
    expect(await vault.open(sealedElsewhere)).toBe('sk-from-another-instance');
  });

  it('instances racing on an empty directory agree on one active key', async () => {
    const keysDir = path.join(dataDir, 'keys');
    const [first, second] = await Promise.all([writeNewKeyFile(keysDir), writeNewKeyFile(keysDir)]);
    const winners = await Promise.all([claimActivePointer(keysDir, first.key.id), claimActivePointer(keysDir, second.key.id)]);
    expect(winners[0]).toBe(winners[1]);
    expect([first.key.id, second.key.id]).toContain(winners[0]);
  });
});
