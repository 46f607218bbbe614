import 'server-only';
import { notFound } from '../errors';
import { db } from '../db';
import { toProviderDto, type ProviderDto } from './to-provider-dto';

export async function getProvider({ id }: { id: number }): Promise<ProviderDto> {
  const provider = await db.provider.findUnique({ where: { id } });
  if (!provider) throw notFound(`provider ${id}`);
  return toProviderDto(provider);
}
