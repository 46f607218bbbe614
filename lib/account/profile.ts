import { badRequest, notFound } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { presentUser, type UserDto } from '../users/to-user-dto';
import { endSessionsOfUser } from '../auth/api-sessions';
import { hashPassword, verifyPassword } from '../auth/password';
import { assertAcceptablePassword } from '../auth/password-policy';
import type { SessionUser } from '../auth/session-user';

export async function getProfile(user: SessionUser): Promise<UserDto> {
  const row = await db.user.findUnique({ where: { id: user.id } });
  if (!row) throw notFound(`user ${user.id}`);
  return presentUser(row);
}

type PasswordChange = { currentPassword: string; newPassword: string };

/**
 * Changes the caller's own password; the current one must be given, so a stolen session alone cannot. Every
 * other session of the user ends (a password change is how someone throws out whoever else signed in); the one
 * making the change, `currentSession`, stays signed in.
 */
export async function changeOwnPassword(user: SessionUser, change: PasswordChange, currentSession: string | null): Promise<void> {
  const row = await db.user.findUnique({ where: { id: user.id } });
  if (!row) throw notFound(`user ${user.id}`);
  if (!(await verifyPassword(row.passwordHash, change.currentPassword))) {
    throw badRequest('Current password is incorrect', [
      { field: 'current_password', message: 'Current password is incorrect' },
    ]);
  }
  assertAcceptablePassword(change.newPassword, row, 'new_password');
  const passwordHash = await hashPassword(change.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endSessionsOfUser(tx, user.id, currentSession);
    await recordAudit(user, { action: 'change_password', target: 'user', targetId: user.id, detail: { username: row.username } }, tx);
  });
}
