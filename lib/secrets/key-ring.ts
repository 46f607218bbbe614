import { getConfig, type AppConfig } from '../config';
import { VaultKeyConfigError, VaultKeyMissingError } from './errors';
import {
  claimActivePointer,
  keyFilePath,
  keysDirOf,
  readActivePointer,
  readKeyFile,
  readKeyFiles,
  readPemFile,
  removeKeyFile,
  replaceActivePointer,
  writeNewKeyFile,
  type KeyFile,
} from './key-files';
import { parseVaultKey, VAULT_KEY_BITS, type VaultKey } from './vault-key';

// Key ring decision.
// - Every sealed secret names the pair that sealed it (key id = 16 hex digits of SHA-256 over the public SPKI DER),
//   so a ring of pairs can be kept and each secret opened with its own pair.
// - The ring lives in <dataDir>/keys: one <keyId>.pem per pair (0600, directory 0700) and an `active` file naming
//   the pair that seals new secrets. Rotation adds a pair, re-encrypts, then repoints `active`; old pairs stay
//   on disk, so an instance that has not reloaded keeps sealing with a pair every instance can still open.
// - A key from AXONGATE_RSA_PRIVATE_KEY or AXONGATE_RSA_PRIVATE_KEY_FILE joins the ring and is always the active
//   pair (the operator's explicit choice wins over `active`); it is never copied to disk by the app. Pairs in
//   <dataDir>/keys stay readable next to it, which is what lets an operator switch to the rotated key file.
// - When neither variable is set and `active` is missing, a 3072-bit pair is generated; instances racing on an
//   empty directory agree through an exclusive link() of `active`.
// - A secret naming a pair the ring lacks triggers one read of <keyId>.pem, so a pair added by a rotation in
//   another process is found without a restart. All instances must therefore share the data directory.

export type ActiveKeySource =
  | { kind: 'env'; variable: 'AXONGATE_RSA_PRIVATE_KEY' }
  | { kind: 'env'; variable: 'AXONGATE_RSA_PRIVATE_KEY_FILE'; path: string }
  | { kind: 'file'; path: string };

export type KeyRing = {
  keysDir: string;
  active: VaultKey;
  activeSource: ActiveKeySource;
  keys: Map<string, VaultKey>;
};

type ActiveKey = { key: VaultKey; source: ActiveKeySource };

let loading: Promise<KeyRing> | undefined;

/** Loads the ring once per process (generating the first pair if needed); later calls share the result. */
export function loadKeyRing(): Promise<KeyRing> {
  loading ??= buildKeyRing(getConfig()).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The pair that sealed a secret, reading its file once if it was added after the ring was loaded. */
export async function findVaultKey(keyId: string): Promise<VaultKey> {
  const ring = await loadKeyRing();
  const known = ring.keys.get(keyId);
  if (known) return known;
  const added = await readKeyFile(ring.keysDir, keyId);
  if (!added) throw new VaultKeyMissingError(keyId);
  ring.keys.set(added.key.id, added.key);
  return added.key;
}

/** Generates a pair into the ring directory without making it active (rotation activates it after re-encrypting). */
export async function addVaultKey(): Promise<KeyFile> {
  const ring = await loadKeyRing();
  const created = await writeNewKeyFile(ring.keysDir);
  ring.keys.set(created.key.id, created.key);
  return created;
}

/** Points `active` at a pair of the ring. With an env-provided key that one keeps sealing in this process. */
export async function activateVaultKey(keyId: string): Promise<void> {
  const ring = await loadKeyRing();
  const key = await findVaultKey(keyId);
  await replaceActivePointer(ring.keysDir, keyId);
  if (ring.activeSource.kind === 'file') {
    ring.active = key;
    ring.activeSource = { kind: 'file', path: keyFilePath(ring.keysDir, keyId) };
  }
}

/** Tests switch data directories and env keys between cases; production never calls this. */
export function resetKeyRingForTests(): void {
  loading = undefined;
}

async function buildKeyRing(config: AppConfig): Promise<KeyRing> {
  const keysDir = keysDirOf(config.dataDir);
  const files = await readKeyFiles(keysDir);
  const keys = new Map(files.map((file) => [file.key.id, file.key]));
  const active = (await readEnvKey(config)) ?? (await readOrCreateActiveKey(keysDir, keys));
  keys.set(active.key.id, active.key);
  return { keysDir, active: active.key, activeSource: active.source, keys };
}

async function readEnvKey(config: AppConfig): Promise<ActiveKey | undefined> {
  const inline = config.AXONGATE_RSA_PRIVATE_KEY?.trim();
  const filePath = config.AXONGATE_RSA_PRIVATE_KEY_FILE?.trim();
  if (inline && filePath) {
    throw new VaultKeyConfigError('Set only one of AXONGATE_RSA_PRIVATE_KEY and AXONGATE_RSA_PRIVATE_KEY_FILE');
  }
  if (inline) {
    // Container env files often carry the PEM on one line with literal "\n" sequences.
    const pem = inline.includes('\n') ? inline : inline.replaceAll('\\n', '\n');
    return { key: parseVaultKey(pem, 'AXONGATE_RSA_PRIVATE_KEY'), source: { kind: 'env', variable: 'AXONGATE_RSA_PRIVATE_KEY' } };
  }
  if (filePath) {
    return {
      key: await readPemFile(filePath),
      source: { kind: 'env', variable: 'AXONGATE_RSA_PRIVATE_KEY_FILE', path: filePath },
    };
  }
  return undefined;
}

async function readOrCreateActiveKey(keysDir: string, keys: Map<string, VaultKey>): Promise<ActiveKey> {
  const activeId = await readActivePointer(keysDir);
  if (activeId) return { key: requireKey(keys, activeId), source: { kind: 'file', path: keyFilePath(keysDir, activeId) } };

  const created = await writeNewKeyFile(keysDir);
  const winnerId = await claimActivePointer(keysDir, created.key.id);
  if (winnerId === created.key.id) {
    console.info(
      `[secrets] Generated a ${VAULT_KEY_BITS}-bit vault key at ${created.path} (mode 0600). ` +
        'Back it up: without it the stored provider keys cannot be read.',
    );
    return { key: created.key, source: { kind: 'file', path: created.path } };
  }
  // Another instance generated its pair first; ours was never used, so it goes.
  await removeKeyFile(created.path);
  const winner = (await readKeyFile(keysDir, winnerId))?.key;
  if (!winner) throw new VaultKeyMissingError(winnerId);
  keys.set(winner.id, winner);
  return { key: winner, source: { kind: 'file', path: keyFilePath(keysDir, winnerId) } };
}

// A missing active pair must stop the start: generating a fresh one would seal new secrets beside unreadable ones.
function requireKey(keys: Map<string, VaultKey>, keyId: string): VaultKey {
  const key = keys.get(keyId);
  if (!key) throw new VaultKeyMissingError(keyId);
  return key;
}
