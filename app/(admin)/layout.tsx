import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';
import { AdminShell } from './admin-shell';

// proxy.ts already turns away requests without a valid session cookie; this second check keeps every admin page
// guarded even if the proxy's matcher is changed.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) redirect('/login');
  const { id, username, role } = session.user;
  return <AdminShell user={{ id, username, role }}>{children}</AdminShell>;
}
