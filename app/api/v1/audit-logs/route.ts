import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { listAuditLogs } from '@/lib/audit/list-audit-logs';
import { listAuditLogsQuery } from '@/lib/audit/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/audit-logs – who changed what, newest first (`?page&page_size&target&actor_id`; admins only)
export const GET = apiRoute({ query: listAuditLogsQuery }, ({ query }) => listAuditLogs(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
