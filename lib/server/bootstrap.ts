import { ensureAdminUser, getAuthSecret } from '../auth';
import type { AppConfig } from '../config';
import { migrateDatabase } from '../db/migrate';
import { processLogger } from '../log';
import { syncDefaultPolicies } from '../rbac';
import { ensureVaultKey } from '../secrets';

/** Everything a server process needs before it answers its first request, in dependency order. */
export async function bootstrap(config: AppConfig): Promise<void> {
  const { DATABASE_URL } = config;
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set: start with `npm start` for the embedded database');
  const applied = await migrateDatabase(DATABASE_URL);
  if (applied.length > 0) processLogger.info({ migrations: applied }, 'applied migrations');
  getAuthSecret();
  await ensureVaultKey();
  await syncDefaultPolicies();
  await ensureAdminUser();
}
