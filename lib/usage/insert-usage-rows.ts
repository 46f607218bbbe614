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
    'total_cost', 'currency', 'latency_ms', 'ttft_ms', 'attempts', 'conversion_notes', 'created_at', 'day',
  ].map((column) => `"${column}"`).join(', '),
);

function toValues(row: UsageRecord): Prisma.Sql {
  return Prisma.sql`(${row.requestId}, ${row.userId}, ${row.userTokenId}, ${row.modelName}, ${row.modelId}, ${row.providerId},
    ${row.providerTokenId}, ${row.providerModelName}, ${row.clientProtocol}, ${row.upstreamProtocol}, ${row.stream},
    ${row.status}::"UsageStatus", ${row.httpStatus}, ${row.errorType}, ${row.inputTokens}, ${row.outputTokens},
    ${row.cacheReadTokens}, ${row.cacheCreationTokens}, ${row.inputCost}::numeric, ${row.outputCost}::numeric,
    ${row.totalCost}::numeric, ${row.currency}::"Currency", ${row.latencyMs}, ${row.ttftMs}, ${row.attempts},
    ${row.conversionNotes}::text[], ${row.createdAt}::timestamptz, (${row.createdAt}::timestamptz AT TIME ZONE 'UTC')::date)`;
}

/** Writes the rows; a request_id already stored is skipped, so a retried batch never doubles a row. */
export async function insertUsageRows(rows: UsageRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`INSERT INTO "usage" (${COLUMNS}) VALUES ${Prisma.join(rows.map(toValues))} ON CONFLICT ("request_id") DO NOTHING`;
}
