export { apiRoute, publicApiRoute, type RouteHandler, type RouteInput } from './route';
export { AppError, badRequest, conflict, forbidden, notFound, tooManyRequests, unauthorized } from './errors';
export type { FieldError } from './errors';
export { idParam } from './params';
