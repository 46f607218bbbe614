import { z } from 'zod';
import { idField } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';
import { flagQuery } from '../api/query-flag';
import { allowedModelsField, monthlyBudgetField, rpmLimitField } from '../users/limit-fields';

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

export const createUserTokenBody = z.object({
  name: z.string({ error: 'name must be text' }).trim().max(100, 'name must be at most 100 characters').default(''),
  /** Empty means every model the owner may use; null or absent: no limit but the owner's. */
  allowed_models: allowedModelsField.default([]),
  rpm_limit: rpmLimitField.default(null),
  monthly_budget: monthlyBudgetField.default(null),
  expires_at: expiresAtField.nullable().default(null),
  /** Admins may create a token for someone else; everyone else gets one for themselves. */
  user_id: idField('user_id').optional(),
});

export const listUserTokensQuery = paginationQuery.extend({
  user_id: idField('user_id').optional(),
  /** Revoked tokens are left out unless asked for (the original UI labels every listed token valid). */
  include_revoked: flagQuery('include_revoked'),
});

/** POST /user-tokens/validate. Anything of at most 1024 characters is looked up; no real token is longer. */
export const validateUserTokenBody = z.object({
  token: z.string({ error: 'token must be text' }).max(1024, 'token must be at most 1024 characters'),
});

export type CreateUserTokenInput = z.output<typeof createUserTokenBody>;
export type ListUserTokensQuery = z.output<typeof listUserTokensQuery>;
export type ValidateUserTokenInput = z.output<typeof validateUserTokenBody>;
