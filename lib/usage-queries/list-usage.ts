import 'server-only';
import { pageWindow, resolvePage, type Page } from '../api/pagination';
import { db, Prisma } from '../db';
import type { ListUsageQuery } from './schemas';
import { buildUsageWhere, type UsageViewer } from './usage-filter';
import { toUsageDto, USAGE_SELECT, type UsageDto, type UsageSqlRow } from './usage-row';

/** One page of usage rows, newest first; `usage` repeats `items` under the original backend's key. */
export async function listUsage({
  viewer,
  query,
}: {
  viewer: UsageViewer;
  query: ListUsageQuery;
}): Promise<Page<UsageDto> & { usage: UsageDto[] }> {
  const where = buildUsageWhere(query, viewer);
  const { skip, take } = pageWindow(query);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<UsageSqlRow[]>(Prisma.sql`
      SELECT ${USAGE_SELECT} FROM usage ${where}
      ORDER BY created_at DESC, id DESC
      LIMIT ${take} OFFSET ${skip}`),
    db.$queryRaw<Array<{ total: bigint }>>(Prisma.sql`SELECT count(*) AS total FROM usage ${where}`),
  ]);
  const items = rows.map(toUsageDto);
  return { items, total: Number(counted[0]?.total ?? 0), ...resolvePage(query), usage: items };
}
