import { z } from 'zod';

const TRUE = new Set(['true', '1']);
const FALSE = new Set(['false', '0', '']);

/**
 * A yes/no switch of a query string (`?include_revoked=true`): `true`/`1` or `false`/`0`, any case; absent or
 * empty is false. Anything else is a 400 naming the field, so a typo is not silently read as "no".
 */
export function flagQuery(field: string) {
  const message = `${field} must be true or false`;
  return z
    .string({ error: message })
    .optional()
    .transform((value, context) => {
      const text = (value ?? '').trim().toLowerCase();
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}
