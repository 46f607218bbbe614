import 'server-only';
import { conflict, notFound } from '../errors';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { toAiModelData } from './to-ai-model-data';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { assertProviderExists, duplicateRouteMessage } from './assert-provider-exists';
import type { UpdateAiModelInput } from './schemas';
import { aiModelInclude, toAiModelDto, type AiModelDto } from './to-ai-model-dto';

export async function updateAiModel({
  actor,
  id,
  input,
}: {
  actor: SessionUser;
  id: number;
  input: UpdateAiModelInput;
}): Promise<AiModelDto> {
  const model = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const current = await tx.aiModel.findUnique({ where: { id }, select: { name: true, providerId: true, providerModelName: true } });
        if (!current) throw notFound(`model ${id}`);
        if (input.provider_id !== undefined) await assertProviderExists(tx, input.provider_id);
        const name = input.name ?? current.name;
        const providerId = input.provider_id ?? current.providerId;
        const providerModelName = input.provider_model_name ?? current.providerModelName;
        const clash = await tx.aiModel.findFirst({ where: { name, providerId, providerModelName, id: { not: id } }, select: { id: true } });
        if (clash) throw conflict(duplicateRouteMessage(name, providerId, providerModelName));
        const updated = await tx.aiModel.update({
          where: { id },
          data: toAiModelData(input),
          include: aiModelInclude,
        });
        await recordAudit(actor, { action: 'update', target: 'ai_model', targetId: id, detail: { ...input } }, tx);
        return updated;
      }),
    {
      notFound: `model ${id} not found`,
      unique: duplicateRouteMessage(input.name, input.provider_id, input.provider_model_name),
      foreignKey: `provider ${input.provider_id} not found`,
    },
  );
  return toAiModelDto(model);
}
