import 'server-only';
import { notFound } from '../errors';
import { db, Prisma } from '../db';
import type { UsageAttempt } from '../usage';
import { buildUsageWhere, type UsageViewer } from './usage-filter';
import { toUsageDto, USAGE_SELECT, type UsageDto, type UsageSqlRow } from './usage-row';

/** Usage ids are PostgreSQL bigint. */
const MAX_USAGE_ID = 9_223_372_036_854_775_807n;

/**
 * An attempt as the request detail shows it: with its key's hint (the last four characters, never the key) for the
 * operators who manage keys; null for a `user` and once the key is deleted.
 */
export type UsageAttemptDto = UsageAttempt & { key_hint: string | null };

/** One usage row with what only its detail view needs: every upstream attempt, the token's name, the user's name. */
export type UsageDetailDto = UsageDto & {
  /** Every upstream attempt in order; null for rows that kept none (engine telemetry, rows written before). */
  attempt_log: UsageAttemptDto[] | null;
  user_token_name: string | null;
  username: string | null;
};

type DetailSqlRow = UsageSqlRow & { attempt_log: UsageAttempt[] | null; user_token_name: string | null; username: string | null };

/**
 * `GET /usage/{id}`: one usage row with its attempts. A `user` sees only rows of their own requests
 * (buildUsageWhere); anyone else's, like a missing one or an id that cannot be one, is a 404, so ids do not leak.
 */
export async function getUsage({ viewer, id: rawId }: { viewer: UsageViewer; id: string }): Promise<UsageDetailDto> {
  const id = /^\d{1,19}$/.test(rawId) ? BigInt(rawId) : 0n;
  if (id < 1n || id > MAX_USAGE_ID) throw notFound(`usage ${rawId}`);
  const rows = await db.$queryRaw<DetailSqlRow[]>(Prisma.sql`
    SELECT ${USAGE_SELECT}, attempt_log,
      (SELECT name FROM user_tokens WHERE user_tokens.id = usage.user_token_id) AS user_token_name,
      (SELECT username FROM users WHERE users.id = usage.user_id) AS username
    FROM usage ${buildUsageWhere({}, viewer, Prisma.sql`id = ${id}`)}`);
  if (rows.length === 0) throw notFound(`usage ${rawId}`);
  const { attempt_log: attempts, user_token_name, username, ...row } = rows[0];
  return { ...toUsageDto(row), attempt_log: attempts && (await withKeyHints(attempts, viewer.role !== 'user')), user_token_name, username };
}

async function withKeyHints(attempts: UsageAttempt[], showHints: boolean): Promise<UsageAttemptDto[]> {
  if (!showHints) return attempts.map((attempt) => ({ ...attempt, key_hint: null }));
  const keys = await db.providerToken.findMany({
    where: { id: { in: [...new Set(attempts.map((attempt) => attempt.provider_token_id))] } },
    select: { id: true, tokenHint: true },
  });
  const hints = new Map(keys.map((key) => [key.id, key.tokenHint]));
  return attempts.map((attempt) => ({ ...attempt, key_hint: hints.get(attempt.provider_token_id) ?? null }));
}
