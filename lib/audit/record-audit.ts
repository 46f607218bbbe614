import type { SessionUser } from '../auth/session-user';
import { db, type Prisma } from '../db';

export type AuditEntry = {
  /** What was done: `create`, `update`, `delete`, `revoke`, `regenerate`, `set_status`, `reset_password`. */
  action: string;
  /** The kind of thing it was done to: `provider`, `provider_token`, `ai_model`, `user_token`, `user`. */
  target: string;
  targetId?: number | string;
  /** Field names and harmless values only: never a key, token, password or header value. */
  detail?: Prisma.InputJsonObject;
};

type AuditActor = Pick<SessionUser, 'id' | 'username'>;

/**
 * Writes one audit row. Pass the transaction client of the write it describes, so the change and its
 * record commit (or roll back) together.
 */
export async function recordAudit(
  actor: AuditActor,
  entry: AuditEntry,
  client: Prisma.TransactionClient = db,
): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: actor.id,
      actorName: actor.username,
      action: entry.action,
      target: entry.target,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      detail: entry.detail ?? {},
    },
  });
}
