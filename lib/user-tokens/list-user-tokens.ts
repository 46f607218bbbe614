import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import type { SessionUser } from '../auth/session-user';
import { db, type Prisma } from '../db';
import { visibleUserTokensWhere } from './find-visible-user-token';
import type { ListUserTokensQuery } from './schemas';
import { presentUserTokens } from './to-user-token-dto';

/**
 * Newest first, revoked tokens only with `include_revoked`. `user_id` narrows an admin's or manager's view; it
 * cannot widen anyone else's.
 */
export async function listUserTokens({ actor, query }: { actor: SessionUser; query: ListUserTokensQuery }) {
  const where: Prisma.UserTokenWhereInput = {
    AND: [
      visibleUserTokensWhere(actor),
      query.user_id ? { userId: query.user_id } : {},
      query.include_revoked ? {} : { revokedAt: null },
    ],
  };
  const [rows, total] = await db.$transaction([
    db.userToken.findMany({ where, orderBy: { id: 'desc' }, ...pageWindow(query) }),
    db.userToken.count({ where }),
  ]);
  return toPage(await presentUserTokens(rows), total, query, 'tokens');
}
