import { PrismaPg } from '@prisma/adapter-pg';
import { getConfig } from '../config';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;

const DATABASE_CONNECT_TIMEOUT_MS = 3_000;

function createClient(): PrismaClient {
  const config = getConfig();
  const adapter = new PrismaPg({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    // A database that does not answer fails a query within this, instead of holding requests until it returns.
    connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

// One Prisma client (one connection pool) per process: every data module imports it. It lives under a global
// symbol because Next may evaluate this module more than once per process (and dev hot reloads re-run it).
// The pool connects on first query.
const DB_KEY = Symbol.for('axongate.db');
const processGlobals = globalThis as { [DB_KEY]?: PrismaClient };

export const db: PrismaClient = (processGlobals[DB_KEY] ??= createClient());
