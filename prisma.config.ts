import { defineConfig } from 'prisma/config';

// Only `prisma generate` is used here (migrations are applied by lib/db/migrate.ts), so no URL is required.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
