import { createApiRoutes } from '../api';
import { serverRuntime } from './runtime';

// The /api/v1 route wrappers, bound to the process's runtime (its role policies and cache invalidation bus).
export const { apiRoute, publicApiRoute } = createApiRoutes(() => serverRuntime().api);
