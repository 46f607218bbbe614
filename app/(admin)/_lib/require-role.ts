import 'server-only';
import { redirect } from 'next/navigation';
import { signedInUser } from './signed-in-user';
import type { Role } from './types';

/** For pages a role cannot use at all: send the browser to the dashboard (the API refuses them anyway). */
export async function requireRole(roles: Role[]): Promise<void> {
  const user = await signedInUser();
  if (!user) redirect('/login');
  if (!roles.includes(user.role)) redirect('/');
}
