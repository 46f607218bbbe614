import 'server-only';
import { notFound } from '../errors';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { sealSecret } from '../secrets';
import type { CreateProviderTokenInput } from './schemas';
import { tokenHintOf, toProviderTokenDto, type ProviderTokenDto } from './to-provider-token-dto';

/** Stores a provider's API key sealed by the vault; only its hint is ever shown again. */
export async function createProviderToken({
  actor,
  input,
}: {
  actor: SessionUser;
  input: CreateProviderTokenInput;
}): Promise<ProviderTokenDto> {
  const providerId = input.provider_id;
  const missingProvider = `provider ${providerId} not found`;
  const provider = await db.provider.findUnique({ where: { id: providerId }, select: { id: true } });
  if (!provider) throw notFound(`provider ${providerId}`);

  const sealed = await sealSecret(input.token);
  const tokenHint = tokenHintOf(input.token);
  const token = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.providerToken.create({
          data: { providerId, token: sealed, tokenHint, active: input.active },
        });
        await recordAudit(
          actor,
          { action: 'create', target: 'provider_token', targetId: created.id, detail: { provider_id: providerId, token_hint: tokenHint } },
          tx,
        );
        return created;
      }),
    // The provider can still vanish between the check above and the insert.
    { foreignKey: missingProvider },
  );
  return toProviderTokenDto(token);
}
