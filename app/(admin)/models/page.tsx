import type { Metadata } from 'next';
import { requireRole } from '../_lib/require-role';
import { ModelsView } from './models-view';

export const metadata: Metadata = { title: 'Models · AxonGate' };

export default async function ModelsPage() {
  await requireRole(['admin', 'manager']);
  return <ModelsView />;
}
