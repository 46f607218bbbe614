import { parse as parseCookies } from 'cookie';
import { getToken } from 'next-auth/jwt';
import { readBearer } from '../http/bearer';
import { findApiSessionUser } from './api-sessions';
import { getAuthSecret } from './auth-secret';
import type { SessionUser } from './session-user';

export function bearerTokenFrom(req: Request): string | null {
  return readBearer(req.headers);
}

/** The request's cookies; one that is not valid percent-encoding (any site on this host can set one) stays raw. */
function cookiesFrom(req: Request): Map<string, string> {
  const parsed = parseCookies(req.headers.get('cookie') ?? '');
  return new Map(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The session token of the browser's next-auth cookie (inside its encrypted JWT), or null. */
async function cookieSessionToken(req: Request): Promise<string | null> {
  const cookies = cookiesFrom(req);
  if (cookies.size === 0) return null;
  // Headers are left out on purpose: next-auth would otherwise also try the Authorization header as a JWT.
  const jwt = await getToken({ req: { cookies, headers: {} } as never, secret: getAuthSecret() });
  return typeof jwt?.sid === 'string' ? jwt.sid : null;
}

/** The session this request is signed in with: a bearer session token, else the browser cookie's. */
export async function sessionTokenOf(req: Request): Promise<string | null> {
  return bearerTokenFrom(req) ?? (await cookieSessionToken(req));
}

/**
 * The caller of an admin API request: a bearer session from POST /api/v1/auth/login, else the browser's
 * next-auth cookie. Both name a session row, read every time, so a session ended anywhere (sign-out, password
 * change or reset, disabling the user) stops working on every instance at once.
 */
export async function authenticateRequest(req: Request): Promise<SessionUser | null> {
  const token = await sessionTokenOf(req);
  return token ? findApiSessionUser(token) : null;
}
