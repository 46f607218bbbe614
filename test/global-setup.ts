import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase } from '../lib/db/migrate';

// Each run gets its own database on the PostgreSQL server at TEST_DATABASE_URL (default: the local server),
// migrated from prisma/migrations and dropped afterwards, so runs never see each other's rows.
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function setup() {
  const databaseName = `axongate_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;
  await migrateDatabase(databaseUrl.toString());

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'axongate-test-'));
  process.env.DATABASE_URL = databaseUrl.toString();
  process.env.AXONGATE_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('hex');

  return async () => {
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
    await rm(dataDir, { recursive: true, force: true });
  };
}

async function withAdminClient(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
