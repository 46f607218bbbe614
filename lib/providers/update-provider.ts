import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { invalidateGatewayCaches } from '../gateway/cache-invalidation';
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
          data: {
            name: input.name,
            modelType: input.model_type,
            apiUrl: input.api_url,
            enabled: input.enabled,
            timeoutMs: input.timeout_ms,
            extraHeaders: input.extra_headers,
          },
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
  await invalidateGatewayCaches('routes');
  return toProviderDto(provider);
}
