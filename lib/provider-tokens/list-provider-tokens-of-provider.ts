import 'server-only';
import { UNPAGED_LIMIT } from '../api/pagination';
import { notFound } from '../errors';
import { db } from '../db';
import type { ProviderKeysQuery } from './schemas';
import { toProviderTokenDto, type ProviderTokenDto } from './to-provider-token-dto';

/**
 * `GET /provider-tokens/by-provider/{id}`: one provider's keys as a plain array, as the original UI types it (at most
 * UNPAGED_LIMIT of them; retired keys only with `include_revoked`). 404 for a provider that does not exist.
 */
export async function listProviderTokensOfProvider(providerId: number, query: ProviderKeysQuery): Promise<ProviderTokenDto[]> {
  const [provider, rows] = await db.$transaction([
    db.provider.findUnique({ where: { id: providerId }, select: { id: true } }),
    db.providerToken.findMany({
      where: { providerId, ...(query.include_revoked ? {} : { retiredAt: null }) },
      orderBy: { id: 'asc' },
      take: UNPAGED_LIMIT,
    }),
  ]);
  if (!provider) throw notFound(`provider ${providerId}`);
  return rows.map(toProviderTokenDto);
}
