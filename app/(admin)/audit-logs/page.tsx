import type { Metadata } from 'next';
import { requireRole } from '../_lib/require-role';
import { AuditLogView } from './audit-log-view';

export const metadata: Metadata = { title: 'Audit log · AxonGate' };

export default async function AuditLogPage() {
  await requireRole(['admin']);
  return <AuditLogView />;
}
