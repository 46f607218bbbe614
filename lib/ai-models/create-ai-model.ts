import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { toAiModelData } from './to-ai-model-data';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { assertProviderExists, duplicateRouteMessage } from './assert-provider-exists';
import { withCataloguePrices } from './catalogue-defaults';
import type { CreateAiModelInput } from './schemas';
import { aiModelInclude, toAiModelDto, type AiModelDto } from './to-ai-model-dto';

/** Adds a route from a public model name to one provider; the same name on several providers is several routes. */
export async function createAiModel({ actor, input }: { actor: SessionUser; input: CreateAiModelInput }): Promise<AiModelDto> {
  const model = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const provider = await assertProviderExists(tx, input.provider_id);
        const created = await tx.aiModel.create({
          data: toAiModelData(withCataloguePrices(input, provider)),
          include: aiModelInclude,
        });
        await recordAudit(actor, { action: 'create', target: 'ai_model', targetId: created.id, detail: { ...input } }, tx);
        return created;
      }),
    {
      unique: duplicateRouteMessage(input.name, input.provider_id, input.provider_model_name),
      foreignKey: `provider ${input.provider_id} not found`,
    },
  );
  return toAiModelDto(model);
}
