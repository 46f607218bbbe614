import { db } from '../db';

// spend_counters: each spender's spend per UTC month, added to by the usage-row write (insert-usage-rows.ts, which
// builds the same keys in SQL). A spender is a token (`token:<id>`) or a user across all their tokens (`user:<id>`).

export const tokenSpender = (tokenId: number): string => `token:${tokenId}`;
export const userSpender = (userId: number): string => `user:${userId}`;

export function startOfUtcMonth(now: number): Date {
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** This month's spend of each spender asked for; a spender without a counter has spent 0. */
async function readMonthSpend(spenders: string[], now: number = Date.now()): Promise<Map<string, number>> {
  const spend = new Map(spenders.map((spender) => [spender, 0]));
  if (spenders.length === 0) return spend;
  const rows = await db.spendCounter.findMany({
    where: { spender: { in: spenders }, month: startOfUtcMonth(now) },
    select: { spender: true, spent: true },
  });
  for (const row of rows) spend.set(row.spender, Number(row.spent));
  return spend;
}

/** Turns rows into answers that carry their spender's spend this month, read for all the rows in one query. */
export async function withMonthSpend<Row, Dto>(rows: Row[], spenderOf: (row: Row) => string, present: (row: Row, monthSpend: number) => Dto): Promise<Dto[]> {
  const spend = await readMonthSpend(rows.map(spenderOf));
  return rows.map((row) => present(row, spend.get(spenderOf(row)) ?? 0));
}
