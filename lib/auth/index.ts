export { createApiSession, endSessionsOfUser, findApiSessionUser, revokeApiSession } from './api-sessions';
export { getAuthSecret } from './auth-secret';
export { authenticateRequest, bearerTokenFrom, sessionTokenOf } from './authenticate-request';
export { ensureAdminUser } from './ensure-admin-user';
export { hashPassword, verifyPassword } from './password';
export { toSessionUser, type SessionUser } from './session-user';
export { verifyCredentials } from './verify-credentials';
