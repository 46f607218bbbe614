import 'server-only';
import { db } from '../db';
import { toProviderDto } from './to-provider-dto';

/** Every provider, unpaged, for select boxes; the `providers` key is what the original UI reads. */
export async function listAllProviders() {
  const rows = await db.provider.findMany({ orderBy: { name: 'asc' } });
  const items = rows.map(toProviderDto);
  return { items, total: items.length, providers: items };
}
