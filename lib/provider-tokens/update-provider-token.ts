import 'server-only';
import { conflict, notFound } from '../errors';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { UpdateProviderTokenInput } from './schemas';
import { toProviderTokenDto, type ProviderTokenDto } from './to-provider-token-dto';

/**
 * Turns a provider key on or off; the key itself cannot be edited (delete it and add the new one). A key retired
 * by a change of its provider's api_url or model_type stays off: it was entered for another address.
 */
export async function updateProviderToken({
  actor,
  id,
  input,
}: {
  actor: SessionUser;
  id: number;
  input: UpdateProviderTokenInput;
}): Promise<ProviderTokenDto> {
  const token = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        // Locked: a retirement running now either finishes first (and is seen here) or turns this key off after.
        const current = await tx.$queryRaw<Array<{ retired_at: Date | null }>>`SELECT retired_at FROM provider_tokens WHERE id = ${id} FOR UPDATE`;
        if (current.length === 0) throw notFound(`provider token ${id}`);
        if (input.active && current[0].retired_at) {
          throw conflict(
            `provider token ${id} was turned off when its provider's api_url or protocol changed and cannot be turned on again: add the key anew`,
          );
        }
        const updated = await tx.providerToken.update({ where: { id }, data: { active: input.active } });
        await recordAudit(
          actor,
          { action: 'update', target: 'provider_token', targetId: id, detail: { provider_id: updated.providerId, active: input.active } },
          tx,
        );
        return updated;
      }),
    { notFound: `provider token ${id} not found` },
  );
  return toProviderTokenDto(token);
}
