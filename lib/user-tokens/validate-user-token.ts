import 'server-only';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { hashUserToken } from '../secrets/user-token-secret';
import { visibleUserTokensWhere } from './find-visible-user-token';
import type { ValidateUserTokenInput } from './schemas';

/**
 * `POST /user-tokens/validate`: whether the gateway would take this secret as a key right now (known, not
 * revoked, not expired, its owner not disabled), among the tokens the caller may see: a `user` can only confirm
 * their own, so the answer tells nobody anything they could not read in their own token list.
 *
 * Only authenticated callers reach it (the route is no public one), and its work does not depend on the secret:
 * every input, well-formed or not, is hashed and looked up once by its SHA-256 (the indexed column the gateway
 * uses), never compared piece by piece, and the answer is one boolean that does not say why a token is invalid.
 * Guessing a 256-bit secret through it is no more feasible than through /v1 itself.
 */
export async function validateUserToken({ actor, input }: { actor: SessionUser; input: ValidateUserTokenInput }): Promise<{ valid: boolean }> {
  const token = await db.userToken.findFirst({
    where: { AND: [{ tokenHash: hashUserToken(input.token) }, visibleUserTokensWhere(actor)] },
    select: { revokedAt: true, expiresAt: true, user: { select: { disabled: true } } },
  });
  const valid =
    token !== null && token.revokedAt === null && (token.expiresAt === null || token.expiresAt.getTime() > Date.now()) && !token.user.disabled;
  return { valid };
}
