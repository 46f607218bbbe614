import 'server-only';
import { cookies } from 'next/headers';
import { authenticateRequest, type SessionUser } from '@/lib/auth';

/**
 * The user of this page request, checked the way the admin API checks a call: the cookie's session row must
 * still be live. next-auth's own getServerSession only checks the JWT, which stays valid after a sign-out or a
 * password change until it expires.
 */
export async function signedInUser(): Promise<SessionUser | null> {
  const cookie = (await cookies()).toString();
  if (!cookie) return null;
  return authenticateRequest(new Request('http://axongate.invalid/', { headers: { cookie } }));
}
