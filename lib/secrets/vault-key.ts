import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { VaultKeyConfigError } from './errors';

/** One RSA key pair of the vault, named by a fingerprint of its public half. */
export type VaultKey = {
  id: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
};

export const VAULT_KEY_BITS = 3072;
const MIN_KEY_BITS = 2048;

/** 16 hex digits (64 bits) of SHA-256 over the SPKI DER: enough to tell a handful of key pairs apart, short in every row. */
export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

export function computeKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Parses a PEM private key; `origin` says where it came from so a bad key is easy to find, without echoing it. */
export function parseVaultKey(pem: string, origin: string): VaultKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new VaultKeyConfigError(`${origin} does not hold a readable PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new VaultKeyConfigError(`${origin} holds a ${privateKey.asymmetricKeyType ?? 'non-RSA'} key; the vault needs an RSA key`);
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_KEY_BITS) {
    throw new VaultKeyConfigError(`${origin} holds a ${bits}-bit RSA key; the vault needs at least ${MIN_KEY_BITS} bits`);
  }
  const publicKey = createPublicKey(privateKey);
  return { id: computeKeyId(publicKey), publicKey, privateKey };
}
