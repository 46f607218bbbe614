import { Prisma } from '../db';

/** One usage row as the admin API and the CSV export show it (snake_case wire names; costs and ids as numbers). */
export type UsageDto = {
  id: number;
  request_id: string;
  user_id: number | null;
  user_token_id: number | null;
  model_name: string;
  model_id: number | null;
  provider_id: number | null;
  provider_token_id: number | null;
  provider_model_name: string | null;
  client_protocol: string;
  upstream_protocol: string | null;
  stream: boolean;
  status: 'ok' | 'error';
  http_status: number;
  error_type: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  input_cost: number;
  output_cost: number;
  total_cost: number;
  currency: 'USD' | 'CNY';
  latency_ms: number;
  ttft_ms: number | null;
  attempts: number;
  /** What converting the request dropped or changed (empty for none). Not a CSV column. */
  conversion_notes: string[];
  created_at: string;
  /** The UTC day of created_at, `YYYY-MM-DD`. */
  day: string;
};

/** The CSV columns, in the order of the DTO. */
export const USAGE_COLUMNS = [
  'id',
  'request_id',
  'user_id',
  'user_token_id',
  'model_name',
  'model_id',
  'provider_id',
  'provider_token_id',
  'provider_model_name',
  'client_protocol',
  'upstream_protocol',
  'stream',
  'status',
  'http_status',
  'error_type',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_creation_tokens',
  'input_cost',
  'output_cost',
  'total_cost',
  'currency',
  'latency_ms',
  'ttft_ms',
  'attempts',
  'created_at',
  'day',
] as const satisfies ReadonlyArray<Exclude<keyof UsageDto, 'conversion_notes'>>;

/** What the raw SELECT below returns: the driver hands int8 over as bigint. */
type UsageSqlRow = Omit<UsageDto, 'id' | 'created_at'> & { id: bigint; created_at: Date };

/** The select list for usage rows: enums as text, costs as float8 and the day as text, so no Decimal or Date leaks out. */
export const USAGE_SELECT = Prisma.sql`
  id, request_id, user_id, user_token_id, model_name, model_id, provider_id, provider_token_id, provider_model_name,
  client_protocol, upstream_protocol, stream, status::text AS status, http_status, error_type,
  input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens,
  input_cost::float8 AS input_cost, output_cost::float8 AS output_cost, total_cost::float8 AS total_cost,
  currency::text AS currency, latency_ms, ttft_ms, attempts, coalesce(conversion_notes, '{}') AS conversion_notes, created_at,
  to_char(day, 'YYYY-MM-DD') AS day`;

export function toUsageDto(row: UsageSqlRow): UsageDto {
  return { ...row, id: Number(row.id), created_at: row.created_at.toISOString() };
}

export type { UsageSqlRow };
