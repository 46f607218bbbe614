import type { AuditLog } from '../db';

export type AuditLogDto = {
  id: number;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target: string;
  target_id: string | null;
  detail: unknown;
  created_at: string;
};

export function toAuditLogDto(log: AuditLog): AuditLogDto {
  return {
    id: Number(log.id),
    actor_id: log.actorId,
    actor_name: log.actorName,
    action: log.action,
    target: log.target,
    target_id: log.targetId,
    detail: log.detail,
    created_at: log.createdAt.toISOString(),
  };
}
