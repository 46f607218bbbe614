import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import { db, type Prisma } from '../db';
import type { ListAuditLogsQuery } from './schemas';
import { toAuditLogDto } from './to-audit-log-dto';

/** Audit rows, newest first; `logs` repeats `items` like the other lists' own keys. */
export async function listAuditLogs(query: ListAuditLogsQuery) {
  const where: Prisma.AuditLogWhereInput = { target: query.target, actorId: query.actor_id };
  const [rows, total] = await db.$transaction([
    db.auditLog.findMany({ where, orderBy: { id: 'desc' }, ...pageWindow(query) }),
    db.auditLog.count({ where }),
  ]);
  return toPage(rows.map(toAuditLogDto), total, query, 'logs');
}
