import { db, Prisma } from '../db';
import type { UsageRecord } from './usage-record';

// One multi-row INSERT … ON CONFLICT DO NOTHING through a raw query. Prisma's createMany spends about a
// millisecond of CPU per row compiling and interpreting the write (bench/README.md); this is a few percent of that,
// and the gateway pays it on the same thread that answers requests.

const COLUMNS = Prisma.raw(
  [
    'request_id', 'user_id', 'user_token_id', 'model_name', 'model_id', 'provider_id', 'provider_token_id',
    'provider_model_name', 'client_protocol', 'upstream_protocol', 'stream', 'status', 'http_status', 'error_type',
    'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_creation_tokens', 'input_cost', 'output_cost',
    'total_cost', 'currency', 'latency_ms', 'ttft_ms', 'attempts', 'conversion_notes', 'attempt_log', 'created_at', 'day',
  ].map((column) => `"${column}"`).join(', '),
);

function toValues(row: UsageRecord): Prisma.Sql {
  return Prisma.sql`(${row.requestId}, ${row.userId}, ${row.userTokenId}, ${row.modelName}, ${row.modelId}, ${row.providerId},
    ${row.providerTokenId}, ${row.providerModelName}, ${row.clientProtocol}, ${row.upstreamProtocol}, ${row.stream},
    ${row.status}::"UsageStatus", ${row.httpStatus}, ${row.errorType}, ${row.inputTokens}, ${row.outputTokens},
    ${row.cacheReadTokens}, ${row.cacheCreationTokens}, ${row.inputCost}::numeric, ${row.outputCost}::numeric,
    ${row.totalCost}::numeric, ${row.currency}::"Currency", ${row.latencyMs}, ${row.ttftMs}, ${row.attempts},
    ${row.conversionNotes}::text[], ${row.attemptLog === null ? null : JSON.stringify(row.attemptLog)}::jsonb, ${row.createdAt}::timestamptz, (${row.createdAt}::timestamptz AT TIME ZONE 'UTC')::date)`;
}

/**
 * Writes the rows; a request_id already stored is skipped, so a retried batch never doubles a row. The same
 * statement adds the rows it wrote to their token's and user's monthly spend counters and releases the requests'
 * spend reservations (lib/gateway/access/spend-guard.ts): a request's cost is always held exactly once, as a
 * reservation before this write and as spend after it.
 */
export async function insertUsageRows(rows: UsageRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const requestIds = rows.map((row) => row.requestId);
  await db.$executeRaw`
    WITH inserted AS (
      INSERT INTO "usage" (${COLUMNS}) VALUES ${Prisma.join(rows.map(toValues))}
      ON CONFLICT ("request_id") DO NOTHING
      RETURNING "user_id", "user_token_id", "total_cost", "day"
    ), spending AS (
      SELECT 'token:' || "user_token_id" AS spender, date_trunc('month', "day")::date AS month, SUM("total_cost") AS cost
      FROM inserted WHERE "user_token_id" IS NOT NULL GROUP BY 1, 2
      UNION ALL
      SELECT 'user:' || "user_id", date_trunc('month', "day")::date, SUM("total_cost")
      FROM inserted WHERE "user_id" IS NOT NULL GROUP BY 1, 2
    ), released AS (
      DELETE FROM "spend_reservations" WHERE "request_id" = ANY(${requestIds}::text[])
    )
    INSERT INTO "spend_counters" ("spender", "month", "spent")
    SELECT spender, month, cost FROM spending
    ON CONFLICT ("spender", "month") DO UPDATE SET "spent" = "spend_counters"."spent" + EXCLUDED."spent"`;
}
