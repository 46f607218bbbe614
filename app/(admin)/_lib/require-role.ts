import 'server-only';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';
import type { Role } from './types';

/** For pages a role cannot use at all: send the browser to the dashboard (the API refuses them anyway). */
export async function requireRole(roles: Role[]): Promise<void> {
  const session = await getServerSession(authOptions);
  if (!session?.user) redirect('/login');
  if (!roles.includes(session.user.role)) redirect('/');
}
