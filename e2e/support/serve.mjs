// The e2e web server (see playwright.config.ts): creates the run's database, makes sure the production build is
// current, then runs the standalone server until Playwright stops it. The database and data directory are
// removed on the way out too, so a run that fails to start leaves nothing behind.
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { ensureProductionBuild, runNode, standaloneDir, standaloneServer } from '../../scripts/production-build.mjs';

const serverUrl = required('E2E_POSTGRES_URL');
const databaseName = new URL(required('DATABASE_URL')).pathname.slice(1);
const dataDir = required('AXONGATE_DATA_DIR');

let server;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => (server ? server.kill(signal) : cleanUp().finally(() => process.exit(1))));
}

let code = 1;
try {
  await withAdminClient((client) => client.query(`CREATE DATABASE "${databaseName}"`));
  console.log(`[e2e] created database ${databaseName}`);
  await ensureProductionBuild({ rebuildWhenStale: true, onChild: (child) => (server = child) });
  code = await runNode([standaloneServer], { cwd: standaloneDir, env: process.env }, (child) => (server = child));
} catch (error) {
  console.error('[e2e] web server failed:', error);
} finally {
  await cleanUp();
}
process.exit(code);

async function cleanUp() {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`)).catch(
    (error) => console.error(`[e2e] could not drop database ${databaseName}:`, error.message),
  );
  await rm(dataDir, { recursive: true, force: true });
}

async function withAdminClient(run) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (playwright.config.ts sets it)`);
  return value;
}
