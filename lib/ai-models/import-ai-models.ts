import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { assertProviderExists } from './assert-provider-exists';
import { withCataloguePrices } from './catalogue-defaults';
import { createAiModelBody, type ImportAiModelsInput } from './schemas';
import { toAiModelData } from './to-ai-model-data';
import { aiModelInclude, toAiModelDto, type AiModelDto } from './to-ai-model-dto';

/** Routes for models chosen from the provider's own list, with the catalogue's prices; all or none are created. */
export async function importAiModels({ actor, providerId, input }: { actor: SessionUser; providerId: number; input: ImportAiModelsInput }): Promise<{ models: AiModelDto[] }> {
  const created = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const provider = await assertProviderExists(tx, providerId);
        const rows = [];
        for (const chosen of input.models) {
          const route = createAiModelBody.parse({ name: chosen.name ?? chosen.provider_model_name, provider_id: providerId, provider_model_name: chosen.provider_model_name });
          const row = await tx.aiModel.create({ data: toAiModelData(withCataloguePrices(route, provider)), include: aiModelInclude });
          await recordAudit(actor, { action: 'import', target: 'ai_model', targetId: row.id, detail: { name: row.name, provider_id: providerId, provider_model_name: row.providerModelName } }, tx);
          rows.push(row);
        }
        return rows;
      }),
    { unique: 'A chosen model already has a route of that name on this provider', foreignKey: `provider ${providerId} not found` },
  );
  return { models: created.map(toAiModelDto) };
}
