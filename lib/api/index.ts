export { createApiRoutes, type ApiRoutes, type ApiServices, type RouteHandler, type RouteInput } from './route';
export { idParam } from './params';
export { isGeneratedHandler, otherMethods, unknownPath } from './other-methods';
