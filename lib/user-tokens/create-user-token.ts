import 'server-only';
import { forbidden, notFound } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { CreateUserTokenInput } from './schemas';
import { presentUserToken, type UserTokenWithSecretDto } from './to-user-token-dto';
import { generateUserTokenSecret } from '../secrets/user-token-secret';
import { assertWithinOwnerLimits, limitsOf } from '../users/user-limits';

/**
 * Issues a gateway token, within its owner's limits (lib/users/user-limits.ts). The answer carries the plaintext;
 * it is not stored and cannot be shown again.
 */
export async function createUserToken({
  actor,
  input,
}: {
  actor: SessionUser;
  input: CreateUserTokenInput;
}): Promise<UserTokenWithSecretDto> {
  const userId = input.user_id ?? actor.id;
  if (userId !== actor.id && actor.role !== 'admin') throw forbidden('Only admins can create tokens for other users');

  const secret = generateUserTokenSecret();
  const token = await db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: userId } });
    if (!owner) throw notFound(`user ${userId}`);
    assertWithinOwnerLimits(
      { allowedModels: input.allowed_models, rpmLimit: input.rpm_limit, monthlyBudget: input.monthly_budget },
      limitsOf(owner),
    );
    const created = await tx.userToken.create({
      data: {
        userId,
        name: input.name,
        tokenHash: secret.hash,
        tokenPrefix: secret.prefix,
        allowedModels: input.allowed_models,
        rpmLimit: input.rpm_limit,
        monthlyBudget: input.monthly_budget,
        expiresAt: input.expires_at,
      },
    });
    await recordAudit(
      actor,
      {
        action: 'create',
        target: 'user_token',
        targetId: created.id,
        detail: {
          user_id: userId,
          name: input.name,
          token_prefix: secret.prefix,
          allowed_models: input.allowed_models,
          rpm_limit: input.rpm_limit,
          monthly_budget: input.monthly_budget,
          expires_at: input.expires_at?.toISOString() ?? null,
        },
      },
      tx,
    );
    return created;
  });
  return { ...(await presentUserToken(token)), token: secret.plaintext };
}
