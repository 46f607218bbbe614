import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { signedInUser } from './_lib/signed-in-user';
import { AdminShell } from './admin-shell';

// proxy.ts already turns away requests without a valid session cookie; this second check keeps every admin page
// guarded even if the proxy's matcher is changed.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await signedInUser();
  if (!user) redirect('/login');
  const { id, username, role } = user;
  return <AdminShell user={{ id, username, role }}>{children}</AdminShell>;
}
