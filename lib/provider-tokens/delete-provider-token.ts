import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';

export async function deleteProviderToken({ actor, id }: { actor: SessionUser; id: number }): Promise<{ id: number }> {
  await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const deleted = await tx.providerToken.delete({ where: { id } });
        await recordAudit(
          actor,
          { action: 'delete', target: 'provider_token', targetId: id, detail: { provider_id: deleted.providerId, token_hint: deleted.tokenHint } },
          tx,
        );
      }),
    { notFound: `provider token ${id} not found` },
  );
  return { id };
}
