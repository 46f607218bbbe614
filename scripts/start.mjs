#!/usr/bin/env node
// `npm start`: builds when the production build is missing or older than the sources, starts an embedded
// PostgreSQL (PGlite served over the Postgres wire protocol) when DATABASE_URL is unset, then runs Next's
// standalone server as a child process and stops the embedded database after it.
import { mkdir } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { ensureProductionBuild, runNode, standaloneDir, standaloneServer } from './production-build.mjs';

/** The child being waited on (build or server), so signals reach it. */
let current;
let firstSignalAt;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!current) process.exit(128 + osConstants.signals[signal]);
    // Ctrl-C reaches this process twice (from the terminal and from npm): only a signal that comes well after
    // the first one means the server did not stop, and forces it.
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      current.kill(signal);
    } else if (Date.now() - firstSignalAt > 2_000) {
      current.kill('SIGKILL');
    }
  });
}

const track = (child) => {
  current = child;
  child.once('exit', () => (current = undefined));
};

const port = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  // The app drains streams and flushes usage on SIGTERM itself (lib/lifecycle); Next would exit at once.
  NEXT_MANUAL_SIG_HANDLE: 'true',
  PORT: port,
  HOSTNAME: process.env.HOSTNAME ?? '0.0.0.0',
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  // The standalone server makes .next/standalone its working directory: relative paths must not move with it.
  AXONGATE_DATA_DIR: path.resolve(process.env.AXONGATE_DATA_DIR ?? 'data'),
};
if (env.AXONGATE_RSA_PRIVATE_KEY_FILE) env.AXONGATE_RSA_PRIVATE_KEY_FILE = path.resolve(env.AXONGATE_RSA_PRIVATE_KEY_FILE);

await ensureProductionBuild({ rebuildWhenStale: true, env, onChild: track });

const embedded = env.DATABASE_URL ? undefined : await startEmbeddedDatabase(env.AXONGATE_DATA_DIR);
if (embedded) {
  env.DATABASE_URL = embedded.url;
  // PGlite runs one session: a single pooled connection keeps transactions from interleaving.
  env.DATABASE_POOL_SIZE = '1';
}

const code = await runNode([standaloneServer], { cwd: standaloneDir, env }, track);
if (embedded) await embedded.stop();
process.exit(code);

async function startEmbeddedDatabase(dataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const directory = path.join(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const pglite = await PGlite.create(directory);
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: Number(process.env.AXONGATE_EMBEDDED_DB_PORT ?? 0),
    maxConnections: 4,
  });
  await server.start();
  console.log(`[start] embedded PostgreSQL (PGlite) with data in ${directory}, listening on ${server.getServerConn()}`);
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      // Closing PGlite flushes its files; skipping it can lose the last writes.
      await pglite.close();
      console.log('[start] embedded PostgreSQL stopped');
    },
  };
}
