import 'server-only';
import { conflict } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { findVisibleUserToken } from './find-visible-user-token';
import { presentUserToken, type UserTokenWithSecretDto } from './to-user-token-dto';
import { generateUserTokenSecret } from '../secrets/user-token-secret';

/**
 * Replaces a token's secret, keeping its id, name and limits; the old plaintext stops working at once.
 * A revoked token stays revoked: create a new one instead.
 */
export async function regenerateUserToken({ actor, id }: { actor: SessionUser; id: number }): Promise<UserTokenWithSecretDto> {
  const secret = generateUserTokenSecret();
  const token = await db.$transaction(async (tx) => {
    const current = await findVisibleUserToken(tx, actor, id);
    if (current.revokedAt) throw conflict(`user token ${id} is revoked; create a new token instead`);
    const updated = await tx.userToken.update({
      where: { id },
      data: { tokenHash: secret.hash, tokenPrefix: secret.prefix },
    });
    await recordAudit(
      actor,
      {
        action: 'regenerate',
        target: 'user_token',
        targetId: id,
        detail: { user_id: updated.userId, old_token_prefix: current.tokenPrefix, token_prefix: secret.prefix },
      },
      tx,
    );
    return updated;
  });
  return { ...(await presentUserToken(token)), token: secret.plaintext };
}
