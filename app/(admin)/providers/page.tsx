import type { Metadata } from 'next';
import { requireRole } from '../_lib/require-role';
import { ProvidersView } from './providers-view';

export const metadata: Metadata = { title: 'Providers · AxonGate' };

export default async function ProvidersPage() {
  await requireRole(['admin', 'manager']);
  return <ProvidersView />;
}
