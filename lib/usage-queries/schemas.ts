import { z } from 'zod';
import { idField, MAX_ID } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';

// The filters every usage endpoint takes (list, stats, trend, distribution, export), one schema for all.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Query strings arrive as text; an empty value means "no filter". */
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** A real day of the calendar (not 2001-02-30); text of another shape is the regex's to report. */
function isCalendarDate(value: string): boolean {
  if (!DATE_ONLY.test(value)) return true;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const dateField = (field: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(DATE_ONLY, `${field} must be a date in the form YYYY-MM-DD`)
      .refine(isCalendarDate, `${field} is not a calendar date`)
      .optional(),
  );

const optionalId = (field: string) => z.preprocess(blankToUndefined, idField(field).optional());

const MODEL_NAME_MAX = 200;

/** Surrounding spaces go; nothing left means "no filter". */
const trimmedOrUndefined = (value: unknown) => {
  const text = typeof value === 'string' ? value.trim() : value;
  return text === '' || text === null ? undefined : text;
};

/**
 * `model_id`: a positive whole number is a model route's id (above the id range: 400, as for every id); anything
 * else is a model name, which is what the original UI sends here (`gpt-4-turbo`), and filters like `model_name`.
 * The output says which: a number or a string.
 */
const modelIdOrName = z.preprocess(
  trimmedOrUndefined,
  z
    .string({ error: 'model_id must be an id or a model name' })
    .max(MODEL_NAME_MAX, `model_id must be an id or a model name of at most ${MODEL_NAME_MAX} characters`)
    .transform((text, context): number | string => {
      if (!/^\d+$/.test(text) || /^0+$/.test(text)) return text;
      const id = Number(text);
      if (id > MAX_ID) {
        context.addIssue({ code: 'custom', message: 'model_id is not a valid id' });
        return z.NEVER;
      }
      return id;
    })
    .optional(),
);

const usageFilterFields = {
  user_token_id: optionalId('user_token_id'),
  model_id: modelIdOrName,
  provider_token_id: optionalId('provider_token_id'),
  provider_id: optionalId('provider_id'),
  model_name: z.preprocess(blankToUndefined, z.string().trim().max(MODEL_NAME_MAX, `model_name must be at most ${MODEL_NAME_MAX} characters`).optional()),
  status: z.preprocess(blankToUndefined, z.enum(['ok', 'error'], { error: 'status must be ok or error' }).optional()),
  /** Inclusive, UTC days. */
  start_time: dateField('start_time'),
  end_time: dateField('end_time'),
};

const endNotBeforeStart = (value: { start_time?: string; end_time?: string }) =>
  !value.start_time || !value.end_time || value.start_time <= value.end_time;
const rangeIssue = { message: 'end_time must not be before start_time', path: ['end_time'] };

export const usageFiltersQuery = z.object(usageFilterFields).refine(endNotBeforeStart, rangeIssue);

export const listUsageQuery = paginationQuery.extend(usageFilterFields).refine(endNotBeforeStart, rangeIssue);

export type UsageFilters = z.output<typeof usageFiltersQuery>;
export type ListUsageQuery = z.output<typeof listUsageQuery>;
