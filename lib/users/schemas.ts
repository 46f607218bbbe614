import { z } from 'zod';
import { idField } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';
import { allowedModelsField, monthlyBudgetField, rpmLimitField } from './limit-fields';

const roleField = z.enum(['admin', 'manager', 'user'], { error: 'role must be admin, manager or user' });

export const passwordField = z
  .string({ error: 'password is required' })
  .min(8, 'password must be at least 8 characters')
  .max(256, 'password must be at most 256 characters');

/** Empty text clears the address: the column is unique, so "no email" must be null, not ''. */
const emailField = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() || null : value),
  z.email({ error: 'email must be a valid email address' }).toLowerCase().max(254, 'email must be at most 254 characters').nullable(),
);

const nameField = z.string({ error: 'name must be text' }).trim().max(100, 'name must be at most 100 characters');

export const createUserBody = z.object({
  username: z
    .string({ error: 'username is required' })
    .trim()
    .min(2, 'username must be at least 2 characters')
    .max(64, 'username must be at most 64 characters')
    .regex(/^[A-Za-z0-9._@-]+$/, 'username may hold only letters, digits and . _ @ -'),
  password: passwordField,
  email: emailField.optional(),
  name: nameField.default(''),
  role: roleField,
});

export const updateUserBody = z.object({
  email: emailField.optional(),
  name: nameField.optional(),
  role: roleField.optional(),
  disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
});

/** Each field given replaces that limit; those left out stay. */
export const userLimitsBody = z.object({
  allowed_models: allowedModelsField.optional(),
  rpm_limit: rpmLimitField.optional(),
  monthly_budget: monthlyBudgetField.optional(),
});

export const resetPasswordBody = z.object({ password: passwordField });

export const listUsersQuery = paginationQuery.extend({
  role: z.preprocess((value) => (value === '' ? undefined : value), roleField.optional()),
  /** Matches username, name or email, case-insensitively. */
  search: z.string().trim().max(100).optional(),
  /** `ids=3,7,12`: only these users (at most 100), e.g. the owners of one page of tokens. */
  ids: z
    .string()
    .trim()
    .optional()
    .transform((value): Array<string | number> | undefined => (value ? value.split(',') : undefined))
    .pipe(z.array(idField('ids')).max(100, 'ids names at most 100 users').optional()),
});

export type CreateUserInput = z.output<typeof createUserBody>;
export type UpdateUserInput = z.output<typeof updateUserBody>;
export type UserLimitsInput = z.output<typeof userLimitsBody>;
export type ResetPasswordInput = z.output<typeof resetPasswordBody>;
export type ListUsersQuery = z.output<typeof listUsersQuery>;
