import 'server-only';
import { conflict, notFound } from '../errors';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';

export type DeleteProviderResult = { id: number; deleted_models: number; deleted_tokens: number };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Deletes a provider with its keys, and its model routes when `cascade` is set (the foreign keys are ON DELETE
 * CASCADE); usage rows keep their plain ids. Without `cascade` a provider that still has routes is refused (409):
 * the caller asked not to take routes out of service unannounced.
 */
export async function deleteProvider({
  actor,
  id,
  cascade = false,
}: {
  actor: SessionUser;
  id: number;
  cascade?: boolean;
}): Promise<DeleteProviderResult> {
  const result = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        // Locking the row first makes a model route added at the same moment either count here or fail its
        // foreign key check afterwards, never vanish unannounced.
        const locked = await tx.$queryRaw<Array<{ name: string }>>`SELECT name FROM providers WHERE id = ${id} FOR UPDATE`;
        if (locked.length === 0) throw notFound(`provider ${id}`);
        const [models, tokens] = await Promise.all([
          tx.aiModel.count({ where: { providerId: id } }),
          tx.providerToken.count({ where: { providerId: id } }),
        ]);
        if (models > 0 && !cascade) {
          throw conflict(
            `provider ${id} still has ${plural(models, 'model route')}: delete or move them first, ` +
              'or delete without ?cascade=false to remove them together with the provider',
          );
        }
        await tx.provider.delete({ where: { id } });
        await recordAudit(
          actor,
          { action: 'delete', target: 'provider', targetId: id, detail: { name: locked[0].name, deleted_models: models, deleted_tokens: tokens } },
          tx,
        );
        return { id, deleted_models: models, deleted_tokens: tokens };
      }),
    { notFound: `provider ${id} not found` },
  );
  return result;
}
