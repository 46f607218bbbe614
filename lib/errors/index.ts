export { AppError, badRequest, conflict, forbidden, notFound, tooManyRequests, unauthorized, type FieldError } from './app-error';
export { summarizeFieldErrors, toFieldErrors } from './zod-issues';
