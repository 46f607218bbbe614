import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { SetAiModelStatusInput } from './schemas';
import { aiModelInclude, toAiModelDto, type AiModelDto } from './to-ai-model-dto';

export async function setAiModelStatus({
  actor,
  id,
  input,
}: {
  actor: SessionUser;
  id: number;
  input: SetAiModelStatusInput;
}): Promise<AiModelDto> {
  const model = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const updated = await tx.aiModel.update({ where: { id }, data: { status: input.status }, include: aiModelInclude });
        await recordAudit(actor, { action: 'set_status', target: 'ai_model', targetId: id, detail: { status: input.status } }, tx);
        return updated;
      }),
    { notFound: `model ${id} not found` },
  );
  return toAiModelDto(model);
}
