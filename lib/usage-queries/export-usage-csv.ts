import 'server-only';
import { db, Prisma } from '../db';
import { toCsvRecord } from './csv';
import type { UsageFilters } from './schemas';
import { buildUsageWhere, type UsageViewer } from './usage-filter';
import { toUsageDto, USAGE_COLUMNS, USAGE_SELECT, type UsageSqlRow } from './usage-row';

export const EXPORT_BATCH_SIZE = 2000;

/**
 * The whole filtered usage set as CSV, newest first (by id, the recording order). Rows are read in keyset
 * batches (`id < last id`) as the client pulls, so memory stays at one batch and a deep export costs no
 * OFFSET scans; a client that goes away stops the reading.
 */
export function exportUsageCsv({
  viewer,
  filters,
  batchSize = EXPORT_BATCH_SIZE,
}: {
  viewer: UsageViewer;
  filters: UsageFilters;
  batchSize?: number;
}): Response {
  const encoder = new TextEncoder();
  let cursor: bigint | null = null;
  let headerSent = false;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(toCsvRecord(USAGE_COLUMNS)));
        return;
      }
      const where = buildUsageWhere(filters, viewer, ...(cursor === null ? [] : [Prisma.sql`id < ${cursor}`]));
      const rows = await db.$queryRaw<UsageSqlRow[]>(Prisma.sql`
        SELECT ${USAGE_SELECT} FROM usage ${where} ORDER BY id DESC LIMIT ${batchSize}`);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      cursor = rows[rows.length - 1].id;
      const text = rows
        .map((row) => {
          const dto = toUsageDto(row);
          return toCsvRecord(USAGE_COLUMNS.map((column) => dto[column]));
        })
        .join('');
      controller.enqueue(encoder.encode(text));
      if (rows.length < batchSize) controller.close();
    },
  });

  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(filters)}"`,
      'cache-control': 'no-store',
    },
  });
}

function exportFileName(filters: UsageFilters): string {
  const range = [filters.start_time, filters.end_time].filter(Boolean).join('_to_');
  return `usage${range ? `-${range}` : ''}.csv`;
}
