import 'server-only';
import { conflict } from '../errors';
import type { Prisma } from '../db';

// Two admins demoting each other at the same moment would each still see the other as active; taking this
// lock first makes such changes run one after another, so the count below is always current.
const ADMIN_CHANGE_LOCK_KEY = 7270736903;

export async function lockAdminChanges(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK_KEY})`;
}

/**
 * Refuses a change that would leave no active admin (nobody could manage users again). Call inside the
 * transaction, after lockAdminChanges, for a user who is currently an active admin and is about to stop being one.
 */
export async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: number, change: string): Promise<void> {
  const others = await tx.user.count({ where: { role: 'admin', disabled: false, id: { not: userId } } });
  if (others === 0) throw conflict(`Cannot ${change} the last active admin`);
}
