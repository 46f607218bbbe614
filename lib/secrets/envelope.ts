import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { SecretIntegrityError } from './errors';
import { KEY_ID_PATTERN, type VaultKey } from './vault-key';

// Sealed format: v1.<keyId>.<wrappedKey>.<iv>.<tag>.<ciphertext>, each binary part base64url without padding.
// The "v1.<keyId>" header is GCM additional data, so moving a ciphertext under another key id fails too.

const VERSION = 'v1';
const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

export type SealedParts = {
  keyId: string;
  wrappedKey: Buffer;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
};

export function sealWithKey(plain: string, key: VaultKey): string {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(headerOf(key.id));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const wrappedKey = publicEncrypt(
    { key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    dataKey,
  );
  const parts = [wrappedKey, iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [VERSION, key.id, ...parts].join('.');
}

/** Reads the key id without decrypting, so the caller can pick the private key. */
export function parseSealed(sealed: string): SealedParts {
  const fields = sealed.split('.');
  if (fields.length !== 6 || fields[0] !== VERSION) {
    throw new SecretIntegrityError(`not a ${VERSION} sealed secret`);
  }
  const [, keyId, wrappedKey, iv, tag, ciphertext] = fields;
  if (!KEY_ID_PATTERN.test(keyId)) throw new SecretIntegrityError('malformed key id');
  const parts: SealedParts = {
    keyId,
    wrappedKey: decodeStrict(wrappedKey, 'wrapped key'),
    iv: decodeStrict(iv, 'iv'),
    tag: decodeStrict(tag, 'tag'),
    ciphertext: decodeStrict(ciphertext, 'ciphertext'),
  };
  if (parts.wrappedKey.length === 0) throw new SecretIntegrityError('empty wrapped key');
  if (parts.iv.length !== IV_BYTES) throw new SecretIntegrityError('iv has the wrong length');
  if (parts.tag.length !== TAG_BYTES) throw new SecretIntegrityError('tag has the wrong length');
  return parts;
}

export function openWithKey(parts: SealedParts, key: VaultKey): string {
  if (parts.keyId !== key.id) throw new SecretIntegrityError(`sealed by key ${parts.keyId}, not ${key.id}`);
  const dataKey = unwrapDataKey(parts.wrappedKey, key);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(headerOf(parts.keyId));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretIntegrityError('ciphertext or tag was altered (authentication failed)');
  }
}

function unwrapDataKey(wrappedKey: Buffer, key: VaultKey): Buffer {
  let dataKey: Buffer;
  try {
    dataKey = privateDecrypt(
      { key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      wrappedKey,
    );
  } catch {
    throw new SecretIntegrityError('wrapped key does not decrypt under its key pair');
  }
  if (dataKey.length !== DATA_KEY_BYTES) throw new SecretIntegrityError('wrapped key has the wrong length');
  return dataKey;
}

function headerOf(keyId: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}`, 'utf8');
}

// Node's base64url decoder skips stray characters and ignores trailing bits; re-encoding makes any edit of the text visible.
function decodeStrict(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (!BASE64URL_PATTERN.test(text) || bytes.toString('base64url') !== text) {
    throw new SecretIntegrityError(`${what} is not canonical base64url`);
  }
  return bytes;
}
