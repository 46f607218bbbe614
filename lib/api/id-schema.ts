import { z } from 'zod';

/** Ids are PostgreSQL `integer` columns. */
export const MAX_ID = 2_147_483_647;

/**
 * A reference to another record in a body or query string (`provider_id`, `user_id`). The original UI sends
 * ids as strings, so digit strings are accepted too.
 */
export function idField(field: string, { message = `${field} must be a positive whole number`, tooLarge = `${field} is not a valid id` } = {}) {
  return z
    .union([z.number({ error: message }), z.string({ error: message }).trim().regex(/^\d+$/, message).transform(Number)], {
      error: message,
    })
    .pipe(z.number().int(message).min(1, message).max(MAX_ID, tooLarge));
}
