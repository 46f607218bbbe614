import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import { db, type Prisma } from '../db';
import type { ListProviderTokensQuery } from './schemas';
import { toProviderTokenDto } from './to-provider-token-dto';

/**
 * Keys in the order they were added. A key retired by a change of its provider's address or protocol is, for
 * keys, what revoked is for user tokens (it can never be used again, only deleted): left out unless
 * `include_revoked`.
 */
export async function listProviderTokens(query: ListProviderTokensQuery) {
  const where: Prisma.ProviderTokenWhereInput = {
    ...(query.provider_id ? { providerId: query.provider_id } : {}),
    ...(query.include_revoked ? {} : { retiredAt: null }),
  };
  const [rows, total] = await db.$transaction([
    db.providerToken.findMany({ where, orderBy: { id: 'asc' }, ...pageWindow(query) }),
    db.providerToken.count({ where }),
  ]);
  return toPage(rows.map(toProviderTokenDto), total, query, 'tokens');
}
