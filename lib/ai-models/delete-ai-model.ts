import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';

export async function deleteAiModel({ actor, id }: { actor: SessionUser; id: number }): Promise<{ id: number }> {
  await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const deleted = await tx.aiModel.delete({ where: { id } });
        await recordAudit(
          actor,
          { action: 'delete', target: 'ai_model', targetId: id, detail: { name: deleted.name, provider_id: deleted.providerId } },
          tx,
        );
      }),
    { notFound: `model ${id} not found` },
  );
  return { id };
}
