import 'server-only';
import { notFound } from '../errors';
import { withPrismaErrors } from '../api/prisma-errors';
import { recordAudit } from '../audit/record-audit';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import type { ProviderHosts } from '../gateway';
import { assertAllowedHost } from './assert-allowed-host';
import type { UpdateProviderInput } from './schemas';
import { toProviderData } from './to-provider-data';
import { toProviderDto, type ProviderDto } from './to-provider-dto';

/** The provider as updated, and how many of its keys the update turned off for good (a new api_url or type). */
export type UpdatedProviderDto = ProviderDto & { retired_keys: number };

/**
 * Changes a provider's fields. A new api_url or model_type sends its keys somewhere they were not entered for
 * (another server, or the same key in another header), so every key of the provider is retired in the same
 * transaction: turned off, and refused if anyone turns it on again. Only a key entered anew is sent to the new
 * address; that is what keeps whoever may edit providers from pointing one at their own server and receiving
 * its keys.
 */
export async function updateProvider({
  actor,
  id,
  input,
  providerHosts,
}: {
  actor: SessionUser;
  id: number;
  input: UpdateProviderInput;
  providerHosts: ProviderHosts;
}): Promise<UpdatedProviderDto> {
  if (input.api_url !== undefined) assertAllowedHost(input.api_url, providerHosts);
  return withPrismaErrors(
    () =>
      db.$transaction(async (tx) => {
        // Locked, so that the route cache, the provider test and a key added meanwhile see the old address with the
        // old keys or the new address without them, never the new address with the old keys.
        const locked = await tx.$queryRaw<Array<{ api_url: string; model_type: string }>>`
          SELECT api_url, model_type::text AS model_type FROM providers WHERE id = ${id} FOR UPDATE`;
        if (locked.length === 0) throw notFound(`provider ${id}`);
        const moved =
          (input.api_url !== undefined && input.api_url !== locked[0].api_url) ||
          (input.model_type !== undefined && input.model_type !== locked[0].model_type);
        const updated = await tx.provider.update({ where: { id }, data: toProviderData(input) });
        const retired = moved
          ? await tx.providerToken.updateMany({ where: { providerId: id, retiredAt: null }, data: { active: false, retiredAt: new Date() } })
          : { count: 0 };
        await recordAudit(
          actor,
          { action: 'update', target: 'provider', targetId: id, detail: { fields: Object.keys(input), ...(moved ? { retired_keys: retired.count } : {}) } },
          tx,
        );
        return { ...toProviderDto(updated), retired_keys: retired.count };
      }),
    { notFound: `provider ${id} not found`, unique: `A provider named "${input.name}" already exists` },
  );
}
