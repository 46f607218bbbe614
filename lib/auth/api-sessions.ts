import { createHash, randomBytes } from 'node:crypto';
import { getConfig } from '../config';
import { db } from '../db';
import { toSessionUser, type SessionUser } from './session-user';

// Bearer sessions for scripts and the original UI. Only the SHA-256 of the token is stored, so a
// database dump cannot be replayed as a login.

const TOKEN_PREFIX = 'ags_';

function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isApiSessionToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

export async function createApiSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + getConfig().AXONGATE_SESSION_TTL_HOURS * 3_600_000);
  await db.apiSession.create({ data: { userId, tokenHash: hashSessionToken(token), expiresAt } });
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
