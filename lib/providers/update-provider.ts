import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import { toProviderData } from './to-provider-data';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { UpdateProviderInput } from './schemas';
import { toProviderDto, type ProviderDto } from './to-provider-dto';

export async function updateProvider({
  actor,
  id,
  input,
}: {
  actor: SessionUser;
  id: number;
  input: UpdateProviderInput;
}): Promise<ProviderDto> {
  const provider = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const updated = await tx.provider.update({
          where: { id },
          data: toProviderData(input),
        });
        await recordAudit(
          actor,
          { action: 'update', target: 'provider', targetId: id, detail: { fields: Object.keys(input) } },
          tx,
        );
        return updated;
      }),
    { notFound: `provider ${id} not found`, unique: `A provider named "${input.name}" already exists` },
  );
  return toProviderDto(provider);
}
