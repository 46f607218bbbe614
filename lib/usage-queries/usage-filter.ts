import 'server-only';
import type { SessionUser } from '../auth/session-user';
import { Prisma } from '../db';
import type { UsageFilters } from './schemas';

export type UsageViewer = Pick<SessionUser, 'id' | 'role'>;

const SEES_ALL_USAGE = new Set<string>(['admin', 'manager']);

/**
 * The WHERE clause every usage query shares, with every value a bound parameter. A `user` only ever sees
 * rows of their own requests, whatever filters they pass; admins and managers see everyone's. `extra`
 * conditions (a keyset cursor) are ANDed on.
 */
export function buildUsageWhere(filters: UsageFilters, viewer: UsageViewer, ...extra: Prisma.Sql[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  // Scoped unless the role is known to see everyone, so a role added later starts with its own rows only.
  if (!SEES_ALL_USAGE.has(viewer.role)) conditions.push(Prisma.sql`user_id = ${viewer.id}`);
  if (filters.user_token_id !== undefined) conditions.push(Prisma.sql`user_token_id = ${filters.user_token_id}`);
  // model_id is an id (a number) or, as the original UI sends it, a model name (a string).
  if (typeof filters.model_id === 'number') conditions.push(Prisma.sql`model_id = ${filters.model_id}`);
  else if (filters.model_id !== undefined) conditions.push(Prisma.sql`model_name = ${filters.model_id}`);
  if (filters.provider_token_id !== undefined) conditions.push(Prisma.sql`provider_token_id = ${filters.provider_token_id}`);
  if (filters.provider_id !== undefined) conditions.push(Prisma.sql`provider_id = ${filters.provider_id}`);
  if (filters.model_name !== undefined) conditions.push(Prisma.sql`model_name = ${filters.model_name}`);
  if (filters.status !== undefined) conditions.push(Prisma.sql`status = ${filters.status}::"UsageStatus"`);
  // `day` is the UTC date of created_at, stored so that day ranges use the (day, model_name) index.
  if (filters.start_time !== undefined) conditions.push(Prisma.sql`day >= ${filters.start_time}::date`);
  if (filters.end_time !== undefined) conditions.push(Prisma.sql`day <= ${filters.end_time}::date`);
  conditions.push(...extra);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}
