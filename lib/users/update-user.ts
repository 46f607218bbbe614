import 'server-only';
import { conflict, notFound } from '../errors';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { endSessionsOfUser } from '../auth/api-sessions';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { assertAnotherActiveAdmin, lockAdminChanges } from './admin-guard';
import { duplicateUserMessage } from './duplicate-user-message';
import type { UpdateUserInput } from './schemas';
import { presentUser, type UserDto } from './to-user-dto';

/**
 * Changes a user's email, name, role or disabled flag. Disabling ends all their sessions, so enabling the
 * account again does not bring an old cookie or bearer back.
 */
export async function updateUser({
  actor,
  id,
  input,
}: {
  actor: SessionUser;
  id: number;
  input: UpdateUserInput;
}): Promise<UserDto> {
  const user = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        await lockAdminChanges(tx);
        const current = await tx.user.findUnique({ where: { id } });
        if (!current) throw notFound(`user ${id}`);
        if (input.disabled && id === actor.id) throw conflict('You cannot disable your own account');

        const stopsBeingActiveAdmin =
          current.role === 'admin' && !current.disabled && ((input.role && input.role !== 'admin') || input.disabled);
        if (stopsBeingActiveAdmin) await assertAnotherActiveAdmin(tx, id, input.disabled ? 'disable' : 'demote');

        const updated = await tx.user.update({
          where: { id },
          data: { email: input.email, name: input.name, role: input.role, disabled: input.disabled },
        });
        if (input.disabled && !current.disabled) await endSessionsOfUser(tx, id);
        await recordAudit(
          actor,
          {
            action: 'update',
            target: 'user',
            targetId: id,
            detail: {
              fields: Object.keys(input),
              ...(input.role !== undefined && { role: input.role }),
              ...(input.disabled !== undefined && { disabled: input.disabled }),
            },
          },
          tx,
        );
        return updated;
      }),
    { unique: duplicateUserMessage({ email: input.email }) },
  );
  return presentUser(user);
}
