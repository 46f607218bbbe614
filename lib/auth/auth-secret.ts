import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config';

/**
 * The secret next-auth signs session cookies with: NEXTAUTH_SECRET, or one generated once into the data
 * directory (mode 0600). It is also put into process.env, where next-auth and proxy.ts read it.
 * Several instances must share it: set NEXTAUTH_SECRET for them.
 */
export function getAuthSecret(): string {
  const configured = getConfig().NEXTAUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (configured) return configured;
  const file = path.join(getConfig().dataDir, 'auth-secret');
  const secret = readOrCreateSecretFile(file);
  process.env.NEXTAUTH_SECRET = secret;
  return secret;
}

function readOrCreateSecretFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  // 'wx' fails if another process created the file first; then its secret wins.
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
