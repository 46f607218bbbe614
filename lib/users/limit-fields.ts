import { z } from 'zod';

// The limits a user and each of their tokens carry, as the admin API takes them.

const MAX_BUDGET = 99_999_999; // DECIMAL(14, 6)

/** Empty means every model. */
export const allowedModelsField = z
  .array(
    z.string({ error: 'allowed_models must hold model names' }).trim().min(1, 'allowed_models must not hold empty names').max(200),
    { error: 'allowed_models must be a list of model names' },
  )
  .max(500, 'allowed_models may hold at most 500 names')
  .transform((names) => [...new Set(names)]);

/** null: no limit. */
export const rpmLimitField = z
  .number({ error: 'rpm_limit must be a number' })
  .int('rpm_limit must be a whole number')
  .min(1, 'rpm_limit must be at least 1')
  .max(1_000_000, 'rpm_limit must be at most 1000000')
  .nullable();

/** null: no limit. In the models' price currency, per calendar month (UTC). */
export const monthlyBudgetField = z
  .number({ error: 'monthly_budget must be a number' })
  .min(0, 'monthly_budget must be 0 or more')
  .max(MAX_BUDGET, 'monthly_budget must be below 100000000')
  .nullable();
