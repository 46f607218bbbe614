import { z } from 'zod';
import { idField } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';

const MAX_BUDGET = 99_999_999; // DECIMAL(14, 6)
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO datetime with an offset, or a bare `YYYY-MM-DD`, which means the end of that day (UTC): a token
 * "valid until the 31st" still works on the 31st.
 */
const expiresAtField = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expires_at must be an ISO date or datetime, e.g. 2030-01-31 or 2030-01-31T12:00:00Z',
  })
  .transform((value) => new Date(DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value))
  .refine((date) => date.getTime() > Date.now(), 'expires_at must be in the future');

const allowedModelsField = z
  .array(
    z.string({ error: 'allowed_models must hold model names' }).trim().min(1, 'allowed_models must not hold empty names').max(200),
    { error: 'allowed_models must be a list of model names' },
  )
  .max(500, 'allowed_models may hold at most 500 names')
  .transform((names) => [...new Set(names)]);

export const createUserTokenBody = z.object({
  name: z.string({ error: 'name must be text' }).trim().max(100, 'name must be at most 100 characters').default(''),
  /** Empty means every model. */
  allowed_models: allowedModelsField.default([]),
  /** null or absent: no limit. */
  rpm_limit: z
    .number({ error: 'rpm_limit must be a number' })
    .int('rpm_limit must be a whole number')
    .min(1, 'rpm_limit must be at least 1')
    .max(1_000_000, 'rpm_limit must be at most 1000000')
    .nullable()
    .default(null),
  monthly_budget: z
    .number({ error: 'monthly_budget must be a number' })
    .min(0, 'monthly_budget must be 0 or more')
    .max(MAX_BUDGET, 'monthly_budget must be below 100000000')
    .nullable()
    .default(null),
  expires_at: expiresAtField.nullable().default(null),
  /** Admins may create a token for someone else; everyone else gets one for themselves. */
  user_id: idField('user_id').optional(),
});

export const listUserTokensQuery = paginationQuery.extend({
  user_id: idField('user_id').optional(),
});

export type CreateUserTokenInput = z.output<typeof createUserTokenBody>;
export type ListUserTokensQuery = z.output<typeof listUserTokensQuery>;
