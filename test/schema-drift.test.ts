import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../lib/db/migrate';
import { type DatabaseShape, describePrismaSchema, diffDatabaseShapes, readDatabaseShape } from './schema-shape';

// Prisma's CLI cannot diff here (no schema engine), so this guard stands in for `prisma migrate diff`:
// the hand-written migrations must build exactly the database prisma/schema.prisma describes.

const schemaPath = path.join(process.cwd(), 'prisma', 'schema.prisma');

function readDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through vitest so test/global-setup.ts creates the database');
  return url;
}

let expected: DatabaseShape;

beforeAll(async () => {
  expected = describePrismaSchema(await readFile(schemaPath, 'utf8'));
});

describe('schema drift guard', () => {
  it('the migrated database matches prisma/schema.prisma', async () => {
    const differences = diffDatabaseShapes(expected, await readDatabaseShape(readDatabaseUrl()));

    expect(differences, `migrations drift from prisma/schema.prisma:\n${differences.join('\n')}`).toEqual([]);
  });

  it('reads every model, its mapped columns and its enums from the schema', () => {
    const users = expected.tables.find((table) => table.name === 'users');
    const userTokens = expected.tables.find((table) => table.name === 'user_tokens');

    expect(expected.tables).toHaveLength(13);
    expect(expected.enums.map((item) => item.name)).toEqual(['Role', 'ProviderType', 'ModelStatus', 'Currency', 'UsageStatus']);
    expect(users?.columns.find((column) => column.name === 'password_hash')).toEqual({
      name: 'password_hash',
      type: 'text',
      nullable: false,
      default: null,
    });
    expect(userTokens?.columns.find((column) => column.name === 'allowed_models')).toEqual({
      name: 'allowed_models',
      type: 'text[]',
      nullable: true,
      default: 'ARRAY[]::text[]',
    });
    expect(userTokens?.foreignKeys).toEqual([
      { columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'Cascade', onUpdate: 'Cascade' },
    ]);
  });

  it('spells native types, client-side defaults, sort orders and implicit ON DELETE as Prisma Migrate creates them', () => {
    const shape = describePrismaSchema(`
      datasource db {
        provider = "postgresql"
      }
      enum Tier {
        free @map("FREE")
        paid
        @@map("tier")
      }
      model Team {
        id      String   @id @default(uuid())
        slug    String   @db.VarChar(20)
        score   Float    @default(1.5)
        tier    Tier     @default(free)
        tiers   Tier[]   @default([])
        seenAt  DateTime @db.Timestamptz
        members Member[]
        @@index([score(sort: Desc), slug])
        @@map("teams")
      }
      model Member {
        id     Int     @id @default(autoincrement())
        teamId String? @map("team_id")
        team   Team?   @relation(fields: [teamId], references: [id])
      }
    `);

    expect(shape.enums).toEqual([{ name: 'tier', values: ['FREE', 'paid'] }]);
    expect(shape.tables[0]).toEqual({
      name: 'teams',
      columns: [
        { name: 'id', type: 'text', nullable: false, default: null },
        { name: 'slug', type: 'character varying(20)', nullable: false, default: null },
        { name: 'score', type: 'double precision', nullable: false, default: '1.5' },
        { name: 'tier', type: 'tier', nullable: false, default: `'FREE'::tier` },
        { name: 'tiers', type: 'tier[]', nullable: true, default: 'ARRAY[]::tier[]' },
        { name: 'seenAt', type: 'timestamp with time zone', nullable: false, default: null },
      ],
      primaryKey: { name: 'teams_pkey', columns: ['id'] },
      indexes: [{ name: 'teams_score_slug_idx', columns: ['score DESC', 'slug'], unique: false, method: 'btree' }],
      foreignKeys: [],
    });
    expect(shape.tables[1]?.foreignKeys).toEqual([
      { columns: ['team_id'], referencedTable: 'teams', referencedColumns: ['id'], onDelete: 'SetNull', onUpdate: 'Cascade' },
    ]);
  });
});

describe('schema drift guard on a drifted database', () => {
  let client: pg.Client;
  let schemaName: string;

  // A private schema in the run's database gets its own copy of the migrations, so altering it leaves `public` alone.
  beforeEach(async () => {
    schemaName = `drift_${randomBytes(4).toString('hex')}`;
    client = new pg.Client({ connectionString: readDatabaseUrl() });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schemaName}`);
    await client.query(`SET search_path TO ${schemaName}`);
    for (const migration of await readMigrations()) await client.query(migration.sql);
  });

  afterEach(async () => {
    await client.query(`DROP SCHEMA ${schemaName} CASCADE`);
    await client.end();
  });

  async function diffDriftSchema(): Promise<string[]> {
    return diffDatabaseShapes(expected, await readDatabaseShape(readDatabaseUrl(), schemaName));
  }

  it('an untouched copy of the migrations reports no differences', async () => {
    expect(await diffDriftSchema()).toEqual([]);
  });

  it.each([
    {
      change: 'a dropped index',
      sql: 'DROP INDEX usage_created_at_idx',
      differences: ['usage: index "usage_created_at_idx" (created_at) is missing'],
    },
    {
      change: 'an index over the same columns in another order',
      sql: 'DROP INDEX usage_day_model_name_idx; CREATE INDEX usage_day_model_name_idx ON usage (model_name, day)',
      differences: [
        'usage: index "usage_day_model_name_idx" (day, model_name) is missing',
        'usage: index "usage_day_model_name_idx" (model_name, day) is not in the schema',
      ],
    },
    {
      change: 'a unique index turned into a plain one',
      sql: 'DROP INDEX users_email_key; CREATE INDEX users_email_key ON users (email)',
      differences: [
        'users: unique index "users_email_key" (email) is missing',
        'users: index "users_email_key" (email) is not in the schema',
      ],
    },
    {
      change: 'an extra descending index',
      sql: 'CREATE INDEX usage_latest_idx ON usage (created_at DESC, id)',
      differences: ['usage: index "usage_latest_idx" (created_at DESC, id) is not in the schema'],
    },
    {
      change: 'a renamed index',
      sql: 'ALTER INDEX ai_models_name_provider_id_provider_model_name_key RENAME TO ai_models_route_key',
      differences: [
        'ai_models: unique index "ai_models_route_key" (name, provider_id, provider_model_name) should be named "ai_models_name_provider_id_provider_model_name_key"',
      ],
    },
    {
      change: 'a column made nullable',
      sql: 'ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL',
      differences: ['users: column "password_hash" is nullable, schema expects NOT NULL'],
    },
    {
      change: 'a timestamp that lost its time zone',
      sql: 'ALTER TABLE api_sessions ALTER COLUMN expires_at TYPE TIMESTAMP(3)',
      differences: ['api_sessions: column "expires_at" has type timestamp(3) without time zone, schema expects timestamp(3) with time zone'],
    },
    {
      change: 'a decimal with another precision',
      sql: 'ALTER TABLE ai_models ALTER COLUMN input_price TYPE DECIMAL(10,2)',
      differences: ['ai_models: column "input_price" has type numeric(10,2), schema expects numeric(14,6)'],
    },
    {
      change: 'a changed default',
      sql: 'ALTER TABLE providers ALTER COLUMN timeout_ms SET DEFAULT 30000',
      differences: ['providers: column "timeout_ms" has default 30000, schema expects 60000'],
    },
    {
      change: 'a column the schema does not know',
      sql: 'ALTER TABLE users ADD COLUMN nickname TEXT',
      differences: ['users: column "nickname" is not in the schema'],
    },
    {
      change: 'a dropped column',
      sql: 'ALTER TABLE usage DROP COLUMN ttft_ms',
      differences: ['usage: column "ttft_ms" is missing'],
    },
    {
      change: 'a table the schema does not know',
      sql: 'CREATE TABLE leftovers (id INTEGER)',
      differences: ['table "leftovers" is not in the schema'],
    },
    {
      change: 'a dropped table',
      sql: 'DROP TABLE casbin_rule',
      differences: ['table "casbin_rule" is missing'],
    },
    {
      change: 'an enum with an extra label',
      sql: `ALTER TYPE "Role" ADD VALUE 'guest'`,
      differences: ['enum "Role" has labels (admin, manager, user, guest), schema expects (admin, manager, user)'],
    },
    {
      change: 'a foreign key with another ON DELETE',
      sql: `ALTER TABLE api_sessions DROP CONSTRAINT api_sessions_user_id_fkey,
              ADD CONSTRAINT api_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE`,
      differences: ['api_sessions: foreign key (user_id) -> users (id) has ON DELETE Restrict, schema expects Cascade'],
    },
    {
      change: 'a dropped foreign key',
      sql: 'ALTER TABLE provider_tokens DROP CONSTRAINT provider_tokens_provider_id_fkey',
      differences: ['provider_tokens: foreign key (provider_id) -> providers (id) is missing'],
    },
    {
      change: 'a primary key over other columns',
      sql: 'ALTER TABLE app_secrets DROP CONSTRAINT app_secrets_pkey, ADD CONSTRAINT app_secrets_pkey PRIMARY KEY (name, value)',
      differences: ['app_secrets: primary key is app_secrets_pkey (name, value), schema expects app_secrets_pkey (name)'],
    },
  ])('$change is reported', async ({ sql, differences }) => {
    await client.query(sql);

    expect(await diffDriftSchema()).toEqual(differences);
  });
});
