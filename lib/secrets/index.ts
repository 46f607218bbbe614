import { getConfig } from '../config';
import { Vault } from './vault';

// The vault: provider keys and app secrets are sealed with hybrid RSA-OAEP + AES-256-GCM before they reach the
// database. The process has one vault, configured from the environment; a test that needs another data directory
// or key builds a Vault of its own.
// No `import 'server-only'` here: `npm run secrets:rotate` loads this module under plain tsx, where it throws.

export { SecretIntegrityError, VaultKeyConfigError, VaultKeyMissingError } from './errors';
export { Vault } from './vault';
export type { VaultKeySettings } from './key-ring';

let configured: Vault | undefined;

/** The process's vault, built from the configuration on first use. */
export function processVault(): Vault {
  configured ??= new Vault(getConfig());
  return configured;
}

/** Loads the vault key pair, or generates one into the data directory. Called once at start. */
export function ensureVaultKey(): Promise<void> {
  return processVault().ensureKey();
}

export function sealSecret(plain: string): Promise<string> {
  return processVault().seal(plain);
}

export function openSecret(sealed: string): Promise<string> {
  return processVault().open(sealed);
}

export function getActiveVaultKeyId(): Promise<string> {
  return processVault().activeKeyId();
}
