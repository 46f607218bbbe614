import 'server-only';
import { notFound } from '../errors';
import type { SessionUser } from '../auth/session-user';
import type { Prisma, UserToken } from '../db';

/**
 * Which tokens a caller may see: admins and managers all of them, everyone else only their own. Every
 * user-token read and write filters through here.
 */
export function visibleUserTokensWhere(actor: SessionUser): Prisma.UserTokenWhereInput {
  return actor.role === 'admin' || actor.role === 'manager' ? {} : { userId: actor.id };
}

/** The token if the caller may see it. Someone else's token answers 404 like a missing one, so ids do not leak. */
export async function findVisibleUserToken(
  client: Prisma.TransactionClient,
  actor: SessionUser,
  id: number,
): Promise<UserToken> {
  const token = await client.userToken.findFirst({ where: { id, ...visibleUserTokensWhere(actor) } });
  if (!token) throw notFound(`user token ${id}`);
  return token;
}
