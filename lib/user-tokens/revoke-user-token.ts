import 'server-only';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { findVisibleUserToken } from './find-visible-user-token';
import { presentUserToken, type UserTokenDto } from './to-user-token-dto';

/**
 * Revokes a token by stamping revoked_at; the row stays so usage keeps naming it. Revoking a revoked token
 * changes nothing and writes no second audit row.
 */
export async function revokeUserToken({ actor, id }: { actor: SessionUser; id: number }): Promise<UserTokenDto> {
  const token = await db.$transaction(async (tx) => {
    const current = await findVisibleUserToken(tx, actor, id);
    if (current.revokedAt) return current;
    const revoked = await tx.userToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(
      actor,
      { action: 'revoke', target: 'user_token', targetId: id, detail: { user_id: revoked.userId, token_prefix: revoked.tokenPrefix } },
      tx,
    );
    return revoked;
  });
  return presentUserToken(token);
}
