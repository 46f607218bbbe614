import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { endSessionsOfUser } from '../auth/api-sessions';
import { hashPassword } from '../auth/password';
import { assertAcceptablePassword } from '../auth/password-policy';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { notFound } from '../errors';
import type { ResetPasswordInput } from './schemas';
import { presentUser, type UserDto } from './to-user-dto';

/**
 * An admin sets a new password for someone. All their sessions end: a reset usually means the
 * old password, and whatever logged in with it, should stop working.
 */
export async function resetUserPassword({
  actor,
  id,
  input,
}: {
  actor: SessionUser;
  id: number;
  input: ResetPasswordInput;
}): Promise<UserDto> {
  const target = await db.user.findUnique({ where: { id } });
  if (!target) throw notFound(`user ${id}`);
  assertAcceptablePassword(input.password, target);
  const passwordHash = await hashPassword(input.password);
  const user = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const updated = await tx.user.update({ where: { id }, data: { passwordHash } });
        await endSessionsOfUser(tx, id);
        await recordAudit(actor, { action: 'reset_password', target: 'user', targetId: id, detail: { username: updated.username } }, tx);
        return updated;
      }),
    { notFound: `user ${id} not found` },
  );
  return presentUser(user);
}
