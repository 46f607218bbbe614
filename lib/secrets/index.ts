import { openWithKey, parseSealed, sealWithKey } from './envelope';
import { findVaultKey, loadKeyRing, resetKeyRingForTests } from './key-ring';

// The vault: provider keys and app secrets are sealed with hybrid RSA-OAEP + AES-256-GCM before they reach the
// database (format and key ring layout in ./envelope.ts and ./key-ring.ts).
// No `import 'server-only'` here: `npm run secrets:rotate` loads this module under plain tsx, where it throws.

export { SecretIntegrityError, VaultKeyConfigError, VaultKeyMissingError } from './errors';

/** Loads the vault key pair, or generates one into the data directory (logging its path). Called once at start. */
export async function ensureVaultKey(): Promise<void> {
  await loadKeyRing();
}

export async function sealSecret(plain: string): Promise<string> {
  const ring = await loadKeyRing();
  return sealWithKey(plain, ring.active);
}

/** Throws SecretIntegrityError if the sealed text was altered, VaultKeyMissingError if its key pair is gone. */
export async function openSecret(sealed: string): Promise<string> {
  const parts = parseSealed(sealed);
  const key = await findVaultKey(parts.keyId);
  return openWithKey(parts, key);
}

/** Id of the pair that seals new secrets (shown by the rotation command and tests). */
export async function getActiveVaultKeyId(): Promise<string> {
  return (await loadKeyRing()).active.id;
}

/** Tests change AXONGATE_DATA_DIR and the key env vars between cases; production never calls this. */
export function resetVaultForTests(): void {
  resetKeyRingForTests();
}
