import { PrismaPg } from '@prisma/adapter-pg';
import { getConfig } from '../config';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;

const holder = globalThis as unknown as { axongateDb?: PrismaClient };

function createClient(): PrismaClient {
  const config = getConfig();
  const adapter = new PrismaPg({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

/** One Prisma client per process, kept on globalThis so dev hot reloads reuse it. The pool connects on first query. */
export const db: PrismaClient = (holder.axongateDb ??= createClient());
