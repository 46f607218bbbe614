import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resetConfigForTests } from '../config';
import { resetVaultForTests } from './index';

// Test-only: points the vault at another data directory or env key, and puts everything back afterwards.

const VAULT_VARIABLES = ['AXONGATE_DATA_DIR', 'AXONGATE_RSA_PRIVATE_KEY', 'AXONGATE_RSA_PRIVATE_KEY_FILE'] as const;

export type VaultEnv = Partial<Record<(typeof VAULT_VARIABLES)[number], string>>;

/** Applies `env` (unlisted vault variables are unset) and returns the function that restores the previous state. */
export function switchVaultEnv(env: VaultEnv): () => void {
  const saved = VAULT_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of VAULT_VARIABLES) assignEnv(name, env[name]);
  resetConfigForTests();
  resetVaultForTests();
  return () => {
    for (const [name, value] of saved) assignEnv(name, value);
    resetConfigForTests();
    resetVaultForTests();
  };
}

export function createTempDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'axongate-vault-'));
}

function assignEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
