import path from 'node:path';
import { db } from '../db';
import { sealWithKey } from './envelope';
import type { ActiveKeySource } from './key-ring';
import type { Vault } from './vault';
import type { VaultKey } from './vault-key';

export type RotationResult = {
  previousKeyId: string;
  previousSource: ActiveKeySource;
  newKeyId: string;
  newKeyPath: string;
  providerTokens: number;
  appSecrets: number;
};

// Sealing a few thousand rows takes seconds; Prisma's 5 s default would abort a large rotation half way.
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/**
 * Generates a new vault pair, re-seals every provider token and app secret under it in one transaction,
 * then makes it the active pair. Older pairs stay in the ring: instances that have not restarted keep
 * sealing with them, and those secrets stay readable.
 */
export async function rotateSecrets(vault: Vault): Promise<RotationResult> {
  const ring = await vault.keys.load();
  const previous = { keyId: ring.active.id, source: ring.activeSource };
  const created = await vault.keys.add();

  const counts = await db.$transaction(
    async (tx) => {
      // FOR UPDATE holds back concurrent writers, so no row edited meanwhile is overwritten with its old value.
      const tokens = await tx.$queryRaw<{ id: number; token: string }[]>`
        SELECT id, token FROM provider_tokens ORDER BY id FOR UPDATE`;
      for (const row of tokens) {
        const token = await resealUnder(vault, created.key, row.token, `provider_tokens id ${row.id}`);
        await tx.providerToken.update({ where: { id: row.id }, data: { token } });
      }
      const secrets = await tx.$queryRaw<{ name: string; value: string }[]>`
        SELECT name, value FROM app_secrets ORDER BY name FOR UPDATE`;
      for (const row of secrets) {
        const value = await resealUnder(vault, created.key, row.value, `app_secrets "${row.name}"`);
        await tx.appSecret.update({ where: { name: row.name }, data: { value } });
      }
      return { providerTokens: tokens.length, appSecrets: secrets.length };
    },
    { maxWait: 30_000, timeout: TRANSACTION_TIMEOUT_MS },
  );

  await vault.keys.activate(created.key.id);
  return {
    previousKeyId: previous.keyId,
    previousSource: previous.source,
    newKeyId: created.key.id,
    newKeyPath: created.path,
    ...counts,
  };
}

/** What the operator reads after a rotation: counts, the new key file, and what to change if the key came from env. */
export function describeRotation(result: RotationResult): string[] {
  const lines = [
    `Re-encrypted ${result.providerTokens} provider token(s) and ${result.appSecrets} app secret(s).`,
    `New vault key ${result.newKeyId}: ${result.newKeyPath}`,
    `Previous key ${result.previousKeyId} stays usable; restart every instance so new secrets use the new key.`,
  ];
  const source = result.previousSource;
  if (source.kind === 'file') {
    lines.push(
      `The keys directory now points "active" at ${result.newKeyId}. Keep the old key file: instances that have not`,
      '  restarted yet still seal with it (after restarting them all, a second rotation moves those secrets too).',
    );
    return lines;
  }
  const current = source.variable === 'AXONGATE_RSA_PRIVATE_KEY_FILE' ? `${source.variable}=${source.path}` : source.variable;
  const oldKeyCopy = path.join(path.dirname(result.newKeyPath), `${result.previousKeyId}.pem`);
  lines.push(
    `ACTION NEEDED: the vault key comes from ${current}, which still selects the old key ${result.previousKeyId}.`,
    `  Set AXONGATE_RSA_PRIVATE_KEY_FILE=${result.newKeyPath}` +
      (source.variable === 'AXONGATE_RSA_PRIVATE_KEY' ? ' and remove AXONGATE_RSA_PRIVATE_KEY' : '') +
      ' (or unset it to use the keys directory), then restart every instance.',
    `  Until then instances seal new secrets with the old key. To keep those readable after the switch,`,
    `  store the old key as ${oldKeyCopy} (mode 0600).`,
  );
  return lines;
}

async function resealUnder(vault: Vault, key: VaultKey, sealed: string, where: string): Promise<string> {
  let plain: string;
  try {
    plain = await vault.open(sealed);
  } catch (error) {
    throw new Error(`Rotation aborted, no row was changed: cannot open ${where} (${(error as Error).message})`);
  }
  return sealWithKey(plain, key);
}
