import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import { db, type Prisma } from '../db';
import type { ListProvidersQuery } from './schemas';
import { toProviderDto } from './to-provider-dto';

export async function listProviders(query: ListProvidersQuery) {
  const where: Prisma.ProviderWhereInput = query.name ? { name: { contains: query.name, mode: 'insensitive' } } : {};
  const [rows, total] = await db.$transaction([
    db.provider.findMany({ where, orderBy: { id: 'asc' }, ...pageWindow(query) }),
    db.provider.count({ where }),
  ]);
  return toPage(rows.map(toProviderDto), total, query, 'providers');
}
