import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { UpdateProviderTokenInput } from './schemas';
import { toProviderTokenDto, type ProviderTokenDto } from './to-provider-token-dto';

/** Turns a provider key on or off; the key itself cannot be edited (delete it and add the new one). */
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
