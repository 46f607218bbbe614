export { createApiSession, findApiSessionUser, revokeApiSession } from './api-sessions';
export { getAuthSecret } from './auth-secret';
export { authenticateRequest, bearerTokenFrom } from './authenticate-request';
export { clientIpFrom } from './client-ip';
export { ensureAdminUser } from './ensure-admin-user';
export { hashPassword, verifyPassword } from './password';
export { toSessionUser, type SessionUser } from './session-user';
export { verifyCredentials } from './verify-credentials';
