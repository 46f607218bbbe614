import 'server-only';
import { pageWindow, toPage } from '../api/pagination';
import { db, type Prisma } from '../db';
import type { ListAiModelsQuery } from './schemas';
import { aiModelInclude, toAiModelDto } from './to-ai-model-dto';

/** Routes ordered as the gateway tries them: by public name, then priority. */
export async function listAiModels(query: ListAiModelsQuery) {
  const where: Prisma.AiModelWhereInput = {
    providerId: query.provider_id,
    status: query.status,
    name: query.name ? { contains: query.name, mode: 'insensitive' } : undefined,
  };
  const [rows, total] = await db.$transaction([
    db.aiModel.findMany({
      where,
      include: aiModelInclude,
      orderBy: [{ name: 'asc' }, { priority: 'asc' }, { id: 'asc' }],
      ...pageWindow(query),
    }),
    db.aiModel.count({ where }),
  ]);
  return toPage(rows.map(toAiModelDto), total, query, 'models');
}
