// The run's own database on the local PostgreSQL server: created empty (the server migrates it at start) and
// dropped at the end, whatever happened in between.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type ThrowawayDatabase = { name: string; url: string; drop(): Promise<void> };

export async function createThrowawayDatabase(serverUrl: string): Promise<ThrowawayDatabase> {
  const name = `axongate_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      // FORCE ends the sessions a server killed mid-run may have left behind.
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      dropped = true;
    },
  };
}

/** Usage rows the gateway wrote, by status: the benchmark checks that recording stayed on. */
export async function countUsageRows(databaseUrl: string): Promise<Record<string, number>> {
  return withClient(databaseUrl, async (client) => {
    const result = await client.query<{ status: string; rows: string }>('SELECT status::text AS status, count(*)::text AS rows FROM usage GROUP BY status');
    return Object.fromEntries(result.rows.map((row) => [row.status, Number(row.rows)]));
  });
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
