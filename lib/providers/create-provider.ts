import 'server-only';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { ProviderHosts } from '../gateway';
import { assertAllowedHost } from './assert-allowed-host';
import { toProviderData } from './to-provider-data';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { CreateProviderInput } from './schemas';
import { toProviderDto, type ProviderDto } from './to-provider-dto';

export async function createProvider({
  actor,
  input,
  providerHosts,
}: {
  actor: SessionUser;
  input: CreateProviderInput;
  providerHosts: ProviderHosts;
}): Promise<ProviderDto> {
  assertAllowedHost(input.api_url, providerHosts);
  const provider = await withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        const created = await tx.provider.create({
          data: toProviderData(input),
        });
        await recordAudit(
          actor,
          {
            action: 'create',
            target: 'provider',
            targetId: created.id,
            // Header names only: their values may be credentials.
            detail: { name: created.name, model_type: created.modelType, api_url: created.apiUrl, extra_headers: Object.keys(input.extra_headers) },
          },
          tx,
        );
        return created;
      }),
    { unique: `A provider named "${input.name}" already exists` },
  );
  return toProviderDto(provider);
}
