import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { getActiveVaultKeyId, processVault } from './index';
import { decryptLoginField, getLoginPublicKeyPem, LoginFieldError, LoginTransport } from './login-transport';
import { computeKeyId } from './vault-key';

function encryptLikeTheBrowser(publicPem: string, text: string): string {
  return publicEncrypt({ key: publicPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text, 'utf8')).toString('base64');
}

describe('login transport key', () => {
  it('decrypts a PKCS#1 v1.5 base64 field encrypted with the served public key', async () => {
    const publicPem = await getLoginPublicKeyPem();
    expect(publicPem).toContain('BEGIN PUBLIC KEY');
    for (const password of ['hunter2-admin', 'pässwörd 🔐 with spaces', 'x']) {
      expect(await decryptLoginField(encryptLikeTheBrowser(publicPem, password))).toBe(password);
    }
  });

  it('is a 2048-bit pair distinct from the vault key, stored sealed by the vault', async () => {
    const publicPem = await getLoginPublicKeyPem();
    const row = await db.appSecret.findUniqueOrThrow({ where: { name: 'login_transport_key' } });
    expect(row.value.startsWith(`v1.${await getActiveVaultKeyId()}.`)).toBe(true);
    expect(row.value).not.toContain('PRIVATE KEY');
    const publicKey = createPublicKey(publicPem);
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(computeKeyId(publicKey)).not.toBe(await getActiveVaultKeyId());
  });

  it('garbage gives one generic error', async () => {
    const publicPem = await getLoginPublicKeyPem();
    const oaep = publicEncrypt({ key: publicPem, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from('pw')).toString('base64');
    const valid = Buffer.from(encryptLikeTheBrowser(publicPem, 'pw'), 'base64');
    valid[100] ^= 0x01;
    const inputs = [
      '',
      'not base64 at all!',
      randomBytes(256).toString('base64'),
      randomBytes(300).toString('base64'),
      Buffer.alloc(256, 0xff).toString('base64'),
      oaep,
      valid.toString('base64'),
    ];
    for (const input of inputs) {
      const failure = decryptLoginField(input);
      await expect(failure).rejects.toThrow(LoginFieldError);
      await expect(failure).rejects.toThrow('Encrypted login field could not be decrypted');
    }
  });

  it('a ciphertext whose leading zero bytes were dropped still decrypts', async () => {
    const publicPem = await getLoginPublicKeyPem();
    let ciphertext = Buffer.alloc(0);
    // About 1 in 256 ciphertexts starts with 0x00; browser libraries sometimes send those without it.
    for (let attempt = 0; attempt < 5000 && ciphertext[0] !== 0; attempt++) {
      ciphertext = Buffer.from(encryptLikeTheBrowser(publicPem, 'short-form'), 'base64');
    }
    expect(ciphertext[0]).toBe(0);
    expect(await decryptLoginField(ciphertext.subarray(1).toString('base64'))).toBe('short-form');
  });

  it('instances created at the same time end up with the same key', async () => {
    await db.appSecret.deleteMany({ where: { name: 'login_transport_key' } });
    const instance = () => new LoginTransport(processVault());
    const [firstPem, secondPem] = await Promise.all([instance().publicKeyPem(), instance().publicKeyPem()]);
    expect(firstPem).toBe(secondPem);

    expect(await instance().publicKeyPem()).toBe(firstPem);
    expect(await db.appSecret.count({ where: { name: 'login_transport_key' } })).toBe(1);
  });
});
