import 'server-only';
import { notFound } from '../errors';
import type { SessionUser } from '../auth/session-user';
import type { Prisma, UserToken } from '../db';

/**
 * Which tokens a caller may see and manage: admins all of them; managers their own and those of `user`-role
 * owners (an admin's or another manager's token is billed to them, so only they and admins hold it); everyone
 * else only their own. Every user-token read and write filters through here.
 */
export function visibleUserTokensWhere(actor: SessionUser): Prisma.UserTokenWhereInput {
  if (actor.role === 'admin') return {};
  if (actor.role === 'manager') return { OR: [{ userId: actor.id }, { user: { role: 'user' } }] };
  return { userId: actor.id };
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
