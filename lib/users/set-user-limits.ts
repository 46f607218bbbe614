import 'server-only';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { forbidden, notFound } from '../errors';
import type { UserLimitsInput } from './schemas';
import { presentUser, type UserDto } from './to-user-dto';

/**
 * Sets the limits every token of a user is held to. Admins set anyone's; managers those of `user`-role accounts
 * only (not their own, nor another manager's or an admin's), as with tokens.
 */
export async function setUserLimits({ actor, id, input }: { actor: SessionUser; id: number; input: UserLimitsInput }): Promise<UserDto> {
  const user = await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id } });
    if (!target) throw notFound(`user ${id}`);
    if (actor.role !== 'admin' && target.role !== 'user') throw forbidden('Managers may set the limits of user-role accounts only');
    const updated = await tx.user.update({
      where: { id },
      data: { allowedModels: input.allowed_models, rpmLimit: input.rpm_limit, monthlyBudget: input.monthly_budget },
    });
    await recordAudit(actor, { action: 'set_limits', target: 'user', targetId: id, detail: { username: target.username, ...input } }, tx);
    return updated;
  });
  return presentUser(user);
}
