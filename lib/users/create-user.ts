import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../auth/password';
import { assertAcceptablePassword } from '../auth/password-policy';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { duplicateUserMessage } from './duplicate-user-message';
import type { CreateUserInput } from './schemas';
import { presentUser, type UserDto } from './to-user-dto';

export async function createUser({ actor, input }: { actor: SessionUser; input: CreateUserInput }): Promise<UserDto> {
  assertAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const user = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: { username: input.username, email: input.email ?? null, name: input.name, role: input.role, passwordHash },
        });
        await recordAudit(
          actor,
          { action: 'create', target: 'user', targetId: created.id, detail: { username: created.username, role: created.role } },
          tx,
        );
        return created;
      }),
    { unique: duplicateUserMessage(input) },
  );
  return presentUser(user);
}
