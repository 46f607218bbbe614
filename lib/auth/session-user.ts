import type { Role } from '../db';

/** Who is calling the admin API: what every handler and data function receives, never a Prisma row. */
export type SessionUser = { id: number; username: string; name: string; role: Role };

export function toSessionUser(user: SessionUser): SessionUser {
  return { id: user.id, username: user.username, name: user.name, role: user.role };
}
