import type { AppConfig } from '../config';
import { processLogger } from '../log';
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

/** Where a vault finds its pairs: the data directory, and an operator's key from the environment. */
export type VaultKeySettings = Pick<AppConfig, 'dataDir' | 'AXONGATE_RSA_PRIVATE_KEY' | 'AXONGATE_RSA_PRIVATE_KEY_FILE'>;

/** One vault's ring: loaded once (generating the first pair if needed); later calls share the result. */
export class KeyRingStore {
  private loading: Promise<KeyRing> | undefined;

  constructor(private readonly settings: VaultKeySettings) {}

  load(): Promise<KeyRing> {
    this.loading ??= buildKeyRing(this.settings).catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** The pair that sealed a secret, reading its file once if it was added after the ring was loaded. */
  async find(keyId: string): Promise<VaultKey> {
    const ring = await this.load();
    const known = ring.keys.get(keyId);
    if (known) return known;
    const added = await readKeyFile(ring.keysDir, keyId);
    if (!added) throw new VaultKeyMissingError(keyId);
    ring.keys.set(added.key.id, added.key);
    return added.key;
  }

  /** Generates a pair into the ring directory without making it active (rotation activates it after re-encrypting). */
  async add(): Promise<KeyFile> {
    const ring = await this.load();
    const created = await writeNewKeyFile(ring.keysDir);
    ring.keys.set(created.key.id, created.key);
    return created;
  }

  /** Points `active` at a pair of the ring. With an env-provided key that one keeps sealing in this process. */
  async activate(keyId: string): Promise<void> {
    const ring = await this.load();
    const key = await this.find(keyId);
    await replaceActivePointer(ring.keysDir, keyId);
    if (ring.activeSource.kind === 'file') {
      ring.active = key;
      ring.activeSource = { kind: 'file', path: keyFilePath(ring.keysDir, keyId) };
    }
  }
}

async function buildKeyRing(config: VaultKeySettings): Promise<KeyRing> {
  const keysDir = keysDirOf(config.dataDir);
  const files = await readKeyFiles(keysDir);
  const keys = new Map(files.map((file) => [file.key.id, file.key]));
  const active = (await readEnvKey(config)) ?? (await readOrCreateActiveKey(keysDir, keys));
  keys.set(active.key.id, active.key);
  return { keysDir, active: active.key, activeSource: active.source, keys };
}

async function readEnvKey(config: VaultKeySettings): Promise<ActiveKey | undefined> {
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
    processLogger.info(
      `Generated a ${VAULT_KEY_BITS}-bit vault key at ${created.path} (mode 0600). ` +
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
