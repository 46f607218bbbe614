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
  const sealed = await sealSecret(input.token);
  const tokenHint = tokenHintOf(input.token);
  const token = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        // A share lock waits for an api_url change running now (which retires the provider's keys) and holds the
        // next one off until this key is in, so the change retires it too.
        const provider = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM providers WHERE id = ${providerId} FOR SHARE`;
        if (provider.length === 0) throw notFound(`provider ${providerId}`);
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
    { foreignKey: `provider ${providerId} not found` },
  );
  return toProviderTokenDto(token);
}
