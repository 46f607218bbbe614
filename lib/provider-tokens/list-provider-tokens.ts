import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import { db, type Prisma } from '../db';
import type { ListProviderTokensQuery } from './schemas';
import { toProviderTokenDto } from './to-provider-token-dto';

export async function listProviderTokens(query: ListProviderTokensQuery) {
  const where: Prisma.ProviderTokenWhereInput = query.provider_id ? { providerId: query.provider_id } : {};
  const [rows, total] = await db.$transaction([
    db.providerToken.findMany({ where, orderBy: { id: 'asc' }, ...pageWindow(query) }),
    db.providerToken.count({ where }),
  ]);
  return toPage(rows.map(toProviderTokenDto), total, query, 'tokens');
}
