import type { Metadata } from 'next';
import { requireRole } from '../_lib/require-role';
import { UsersView } from './users-view';

export const metadata: Metadata = { title: 'Users · AxonGate' };

export default async function UsersPage() {
  await requireRole(['admin']);
  return <UsersView />;
}
