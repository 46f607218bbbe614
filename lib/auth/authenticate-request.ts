import { parse as parseCookies } from 'cookie';
import { getToken } from 'next-auth/jwt';
import { db } from '../db';
import { readBearer } from '../http/bearer';
import { findApiSessionUser } from './api-sessions';
import { getAuthSecret } from './auth-secret';
import { toSessionUser, type SessionUser } from './session-user';

export function bearerTokenFrom(req: Request): string | null {
  return readBearer(req.headers);
}

/** The request's cookies; one that is not valid percent-encoding (any site on this host can set one) stays raw. */
function cookiesFrom(req: Request): Map<string, string> {
  const parsed = parseCookies(req.headers.get('cookie') ?? '');
  return new Map(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * The caller of an admin API request: a bearer session from POST /api/v1/auth/login, else the browser's
 * next-auth cookie. The user row is read every time, so disabling a user stops their sessions at once.
 */
export async function authenticateRequest(req: Request): Promise<SessionUser | null> {
  const bearer = bearerTokenFrom(req);
  if (bearer) return findApiSessionUser(bearer);

  const cookies = cookiesFrom(req);
  if (cookies.size === 0) return null;
  // Headers are left out on purpose: next-auth would otherwise also try the Authorization header as a JWT.
  const jwt = await getToken({ req: { cookies, headers: {} } as never, secret: getAuthSecret() });
  if (!jwt?.uid) return null;
  const user = await db.user.findUnique({ where: { id: jwt.uid } });
  return user && !user.disabled ? toSessionUser(user) : null;
}
