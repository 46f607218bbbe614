import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { invalidateGatewayCaches } from '../gateway/cache-invalidation';

/**
 * Deletes a provider. The foreign keys are ON DELETE CASCADE, so its keys (provider_tokens) and every model
 * route pointing at it (ai_models) go with it; usage rows keep their plain provider_id for history.
 */
export async function deleteProvider({ actor, id }: { actor: SessionUser; id: number }): Promise<{ id: number }> {
  await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const deleted = await tx.provider.delete({ where: { id } });
        await recordAudit(actor, { action: 'delete', target: 'provider', targetId: id, detail: { name: deleted.name } }, tx);
      }),
    { notFound: `provider ${id} not found` },
  );
  await invalidateGatewayCaches('routes');
  return { id };
}
