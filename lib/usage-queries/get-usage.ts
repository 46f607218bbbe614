import 'server-only';
import { notFound } from '../errors';
import { db, Prisma } from '../db';
import { buildUsageWhere, type UsageViewer } from './usage-filter';
import { toUsageDto, USAGE_SELECT, type UsageDto, type UsageSqlRow } from './usage-row';

/** Usage ids are PostgreSQL bigint. */
const MAX_USAGE_ID = 9_223_372_036_854_775_807n;

/**
 * `GET /usage/{id}`: one usage row. A `user` sees only rows of their own requests (buildUsageWhere); anyone else's,
 * like a missing one or an id that cannot be one, is a 404, so ids do not leak.
 */
export async function getUsage({ viewer, id: rawId }: { viewer: UsageViewer; id: string }): Promise<UsageDto> {
  const id = /^\d{1,19}$/.test(rawId) ? BigInt(rawId) : 0n;
  if (id < 1n || id > MAX_USAGE_ID) throw notFound(`usage ${rawId}`);
  const rows = await db.$queryRaw<UsageSqlRow[]>(Prisma.sql`
    SELECT ${USAGE_SELECT} FROM usage ${buildUsageWhere({}, viewer, Prisma.sql`id = ${id}`)}`);
  if (rows.length === 0) throw notFound(`usage ${rawId}`);
  return toUsageDto(rows[0]);
}
