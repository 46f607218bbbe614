import { rm } from 'node:fs/promises';
import pg from 'pg';

// Runs after the tests, while the web server is still up (Playwright stops it last): FORCE ends its connections.
export default async function globalTeardown() {
  const database = process.env.E2E_DATABASE;
  const serverUrl = process.env.E2E_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (database) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  if (process.env.E2E_DATA_DIR) await rm(process.env.E2E_DATA_DIR, { recursive: true, force: true });
}
