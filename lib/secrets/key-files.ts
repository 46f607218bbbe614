import { generateKeyPair, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { processLogger } from '../log';
import { VaultKeyConfigError } from './errors';
import { KEY_ID_PATTERN, parseVaultKey, VAULT_KEY_BITS, type VaultKey } from './vault-key';

// On-disk layout of the key ring (see the decision note in ./key-ring.ts):
//   <dataDir>/keys/<keyId>.pem   one PKCS#8 private key per pair, mode 0600, never rewritten or deleted by the app
//   <dataDir>/keys/active        the id of the pair that seals new secrets, replaced atomically (rename)

export type KeyFile = { key: VaultKey; path: string };

const ACTIVE_POINTER = 'active';
const generateKeyPairAsync = promisify(generateKeyPair);

export function keysDirOf(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

export function keyFilePath(keysDir: string, keyId: string): string {
  return path.join(keysDir, `${keyId}.pem`);
}

/** Reads a PEM key file named by the operator (AXONGATE_RSA_PRIVATE_KEY_FILE) or kept in the ring. */
export async function readPemFile(filePath: string): Promise<VaultKey> {
  let pem: string;
  try {
    pem = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new VaultKeyConfigError(`Cannot read vault key file ${filePath}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  await warnIfOthersCanRead(filePath);
  return parseVaultKey(pem, `Vault key file ${filePath}`);
}

/** Every key pair in the ring directory; an absent directory is an empty ring. */
export async function readKeyFiles(keysDir: string): Promise<KeyFile[]> {
  let names: string[];
  try {
    names = await readdir(keysDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const pemNames = names.filter((name) => KEY_ID_PATTERN.test(path.basename(name, '.pem')) && name.endsWith('.pem'));
  return Promise.all(
    pemNames.map(async (name) => {
      const filePath = path.join(keysDir, name);
      const key = await readPemFile(filePath);
      if (`${key.id}.pem` !== name) {
        processLogger.warn(`${filePath} holds key ${key.id}; it is used under that id`);
      }
      return { key, path: filePath };
    }),
  );
}

/** One key pair by id, for a sealed secret whose key was added after this process loaded the ring. */
export async function readKeyFile(keysDir: string, keyId: string): Promise<KeyFile | undefined> {
  if (!KEY_ID_PATTERN.test(keyId)) return undefined;
  const filePath = keyFilePath(keysDir, keyId);
  try {
    await stat(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = await readPemFile(filePath);
  return key.id === keyId ? { key, path: filePath } : undefined;
}

export async function readActivePointer(keysDir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(keysDir, ACTIVE_POINTER), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const keyId = text.trim();
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new VaultKeyConfigError(`${path.join(keysDir, ACTIVE_POINTER)} does not name a key id`);
  }
  return keyId;
}

/** Generates a pair and writes it as <keyId>.pem (0600, directories 0700). The pair is not active yet. */
export async function writeNewKeyFile(keysDir: string): Promise<KeyFile> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: VAULT_KEY_BITS });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = parseVaultKey(pem, 'Generated vault key');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const filePath = keyFilePath(keysDir, key.id);
  await writeFile(filePath, pem, { mode: 0o600, flag: 'wx' });
  return { key, path: filePath };
}

/**
 * Makes `keyId` active only if no pair is active yet, and returns the id that is active afterwards.
 * Instances starting together on an empty directory each generate a pair; link() lets exactly one win.
 */
export async function claimActivePointer(keysDir: string, keyId: string): Promise<string> {
  const staged = await stagePointer(keysDir, keyId);
  try {
    await link(staged, path.join(keysDir, ACTIVE_POINTER));
    return keyId;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readActivePointer(keysDir);
    if (!winner) throw new VaultKeyConfigError(`${path.join(keysDir, ACTIVE_POINTER)} exists but is empty`);
    return winner;
  } finally {
    await unlink(staged);
  }
}

/** Points `active` at another pair; rename() replaces the file atomically so readers never see it half written. */
export async function replaceActivePointer(keysDir: string, keyId: string): Promise<void> {
  const staged = await stagePointer(keysDir, keyId);
  await rename(staged, path.join(keysDir, ACTIVE_POINTER));
}

export async function removeKeyFile(filePath: string): Promise<void> {
  await unlink(filePath);
}

async function stagePointer(keysDir: string, keyId: string): Promise<string> {
  const staged = path.join(keysDir, `.${ACTIVE_POINTER}.${randomUUID()}`);
  await writeFile(staged, `${keyId}\n`, { mode: 0o600, flag: 'wx' });
  return staged;
}

async function warnIfOthersCanRead(filePath: string): Promise<void> {
  const { mode } = await stat(filePath);
  if ((mode & 0o077) !== 0) {
    processLogger.warn(`${filePath} is readable by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
}
