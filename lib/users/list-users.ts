import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import { db, type Prisma } from '../db';
import type { ListUsersQuery } from './schemas';
import { presentUsers } from './to-user-dto';

export async function listUsers(query: ListUsersQuery) {
  const contains = query.search ? { contains: query.search, mode: 'insensitive' as const } : undefined;
  const where: Prisma.UserWhereInput = {
    role: query.role,
    id: query.ids && { in: query.ids },
    OR: contains ? [{ username: contains }, { name: contains }, { email: contains }] : undefined,
  };
  const [rows, total] = await db.$transaction([
    db.user.findMany({ where, orderBy: { id: 'asc' }, ...pageWindow(query) }),
    db.user.count({ where }),
  ]);
  return toPage(await presentUsers(rows), total, query, 'users');
}
