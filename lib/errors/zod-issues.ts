import type { z } from 'zod';
import type { FieldError } from './app-error';

/** A zod failure as field errors: the dotted path (or `where` for the value itself) and zod's message. */
export function toFieldErrors(error: z.ZodError, where: string): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || where, message: issue.message }));
}

/** One line naming every field error, for messages that have no separate list. */
export function summarizeFieldErrors(errors: FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join('; ');
}
