import { z } from 'zod';
import { idField } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';
import { flagQuery } from '../api/query-flag';

/** Retired keys (see listProviderTokens) are listed only when asked for. */
const includeRevoked = flagQuery('include_revoked');

export const listProviderTokensQuery = paginationQuery.extend({
  provider_id: idField('provider_id').optional(),
  include_revoked: includeRevoked,
});

export const providerKeysQuery = z.object({ include_revoked: includeRevoked });

export const createProviderTokenBody = z.object({
  provider_id: idField('provider_id'),
  token: z
    .string({ error: 'token is required' })
    .trim()
    .min(1, 'token is required')
    .max(8192, 'token must be at most 8192 characters')
    .regex(/^\S*$/, 'token must not contain spaces or line breaks'),
  active: z.boolean({ error: 'active must be true or false' }).default(true),
});

export const updateProviderTokenBody = z.object({
  active: z.boolean({ error: 'active must be true or false' }),
});

export type ListProviderTokensQuery = z.output<typeof listProviderTokensQuery>;
export type ProviderKeysQuery = z.output<typeof providerKeysQuery>;
export type CreateProviderTokenInput = z.output<typeof createProviderTokenBody>;
export type UpdateProviderTokenInput = z.output<typeof updateProviderTokenBody>;
