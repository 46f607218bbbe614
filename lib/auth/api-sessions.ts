import { createHash, randomBytes } from 'node:crypto';
import { getConfig } from '../config';
import { db, type Prisma } from '../db';
import { toSessionUser, type SessionUser } from './session-user';

// Every signed-in session has a row here: bearer sessions for scripts and the original UI, and the browser's
// sessions, whose next-auth cookie carries the session token inside its encrypted JWT. Ending a row ends the
// session on every instance at its next request. Only the SHA-256 of a token is stored, so a database dump
// cannot be replayed as a login.

const TOKEN_PREFIX = 'ags_';

function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isApiSessionToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

export async function createApiSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + getConfig().AXONGATE_SESSION_TTL_HOURS * 3_600_000);
  await db.$transaction([
    db.apiSession.deleteMany({ where: { userId, expiresAt: { lt: now } } }),
    db.apiSession.create({ data: { userId, tokenHash: hashSessionToken(token), expiresAt } }),
  ]);
  return { token, expiresAt };
}

/** The session's user, or null when the token is unknown, revoked, expired, or its user is disabled. */
export async function findApiSessionUser(token: string): Promise<SessionUser | null> {
  if (!isApiSessionToken(token)) return null;
  const session = await db.apiSession.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: true },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.user.disabled) return null;
  return toSessionUser(session.user);
}

export async function revokeApiSession(token: string): Promise<void> {
  await db.apiSession.updateMany({
    where: { tokenHash: hashSessionToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/**
 * Ends every session of a user, browser and bearer alike, except `keep` (the session making a password change
 * stays signed in). Runs inside the transaction that changes the credential, so the two land together.
 */
export async function endSessionsOfUser(tx: Prisma.TransactionClient, userId: number, keep?: string | null): Promise<void> {
  await tx.apiSession.updateMany({
    where: { userId, revokedAt: null, ...(keep && { tokenHash: { not: hashSessionToken(keep) } }) },
    data: { revokedAt: new Date() },
  });
}
