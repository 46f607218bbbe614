import { badRequest } from '../errors';
import type { UsageFilters } from './schemas';

export const DEFAULT_TREND_DAYS = 30;
export const MAX_TREND_DAYS = 731;

const DAY_MS = 86_400_000;

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The days a trend covers: the filter's range, filled in from whichever end is given (30 days ending today,
 * UTC, when neither is). One row per day comes back, so the span is bounded.
 */
export function resolveTrendRange(filters: Pick<UsageFilters, 'start_time' | 'end_time'>, now = new Date()): { start: string; end: string } {
  const span = (DEFAULT_TREND_DAYS - 1) * DAY_MS;
  const end = filters.end_time ?? (filters.start_time ? toDay(new Date(toDate(filters.start_time).getTime() + span)) : toDay(now));
  const start = filters.start_time ?? toDay(new Date(toDate(end).getTime() - span));
  const days = Math.round((toDate(end).getTime() - toDate(start).getTime()) / DAY_MS) + 1;
  if (days > MAX_TREND_DAYS) {
    throw badRequest(`A trend covers at most ${MAX_TREND_DAYS} days`, [
      { field: 'start_time', message: `start_time and end_time may be at most ${MAX_TREND_DAYS} days apart` },
    ]);
  }
  return { start, end };
}
