import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes) keeps a login well under 100 ms on a small server.
const HASH_OPTIONS: argon2.HashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, HASH_OPTIONS);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown username answers as slowly as a wrong password. */
export async function verifyAgainstDecoy(plain: string): Promise<false> {
  decoyHash ??= hashPassword('decoy-password-that-never-matches');
  await verifyPassword(await decoyHash, plain);
  return false;
}
