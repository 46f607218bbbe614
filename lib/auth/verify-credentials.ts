import { AppError, unauthorized } from '../errors';
import { db } from '../db';
import { admitLoginAttempt, clearLoginFailures, recordLoginFailure } from './login-rate-limit';
import { verifyAgainstDecoy, verifyPassword } from './password';
import { toSessionUser, type SessionUser } from './session-user';

const INVALID_CREDENTIALS = 'Invalid username or password';

type Credentials = { username: string; password: string; ip: string | null };

/** The single check behind both the browser login (next-auth) and `POST /api/v1/auth/login`. */
export async function verifyCredentials({ username, password, ip }: Credentials): Promise<SessionUser> {
  await admitLoginAttempt(username, ip);
  const user = await db.user.findUnique({ where: { username } });
  const passwordMatches = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !passwordMatches) {
    recordLoginFailure(username, ip);
    throw unauthorized(INVALID_CREDENTIALS);
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) throw new AppError(403, 'This account is disabled');
  clearLoginFailures(username, ip);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return toSessionUser(user);
}
