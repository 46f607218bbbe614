import 'server-only';
import { notFound } from '../errors';
import { db } from '../db';
import { aiModelInclude, toAiModelDto, type AiModelDto } from './to-ai-model-dto';

export async function getAiModel({ id }: { id: number }): Promise<AiModelDto> {
  const model = await db.aiModel.findUnique({ where: { id }, include: aiModelInclude });
  if (!model) throw notFound(`model ${id}`);
  return toAiModelDto(model);
}
