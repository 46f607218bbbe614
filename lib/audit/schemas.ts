import { z } from 'zod';
import { idField } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const listAuditLogsQuery = paginationQuery.extend({
  /** `provider`, `provider_token`, `ai_model`, `user_token`, `user`. */
  target: z.preprocess(blankToUndefined, z.string().trim().max(50, 'target must be at most 50 characters').optional()),
  actor_id: z.preprocess(blankToUndefined, idField('actor_id').optional()),
});

export type ListAuditLogsQuery = z.output<typeof listAuditLogsQuery>;
