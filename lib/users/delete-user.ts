import 'server-only';
import { conflict, notFound } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { assertAnotherActiveAdmin, lockAdminChanges } from './admin-guard';

/**
 * Deletes a user. Their gateway tokens and bearer sessions go with them (ON DELETE CASCADE); usage and
 * audit rows keep the plain ids for history.
 */
export async function deleteUser({ actor, id }: { actor: SessionUser; id: number }): Promise<{ id: number }> {
  if (id === actor.id) throw conflict('You cannot delete your own account');
  await db.$transaction(async (tx) => {
    await lockAdminChanges(tx);
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw notFound(`user ${id}`);
    if (current.role === 'admin' && !current.disabled) await assertAnotherActiveAdmin(tx, id, 'delete');
    await tx.user.delete({ where: { id } });
    await recordAudit(actor, { action: 'delete', target: 'user', targetId: id, detail: { username: current.username } }, tx);
  });
  return { id };
}
