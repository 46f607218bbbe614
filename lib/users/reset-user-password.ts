import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../auth/password';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { ResetPasswordInput } from './schemas';
import { toUserDto, type UserDto } from './to-user-dto';

/**
 * An admin sets a new password for someone. Their bearer sessions are revoked: a reset usually means the
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
  const passwordHash = await hashPassword(input.password);
  const user = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const updated = await tx.user.update({ where: { id }, data: { passwordHash } });
        await tx.apiSession.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
        await recordAudit(actor, { action: 'reset_password', target: 'user', targetId: id, detail: { username: updated.username } }, tx);
        return updated;
      }),
    { notFound: `user ${id} not found` },
  );
  return toUserDto(user);
}
