import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { z } from 'zod';

// Both sides of the drift guard are reduced to one plain shape (tables, columns, keys, indexes, foreign keys,
// enums) in PostgreSQL's own spelling, so the comparison is a pure function of two values.

const referentialActionSchema = z.enum(['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault']);

export type ReferentialAction = z.infer<typeof referentialActionSchema>;
/** `default` absent: the schema side cannot say (dbgenerated(), negative numbers, date literals): not compared. */
export type ColumnShape = { name: string; type: string; nullable: boolean; default?: string | null };
export type KeyShape = { name: string; columns: string[] };
export type IndexShape = KeyShape & { unique: boolean; method: string };
/** The constraint name is left out: DMMF does not carry `@relation(map:)`, so it cannot be compared. */
export type ForeignKeyShape = {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};
export type TableShape = {
  name: string;
  columns: ColumnShape[];
  primaryKey: KeyShape | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
};
export type EnumShape = { name: string; values: string[] };
export type DatabaseShape = { tables: TableShape[]; enums: EnumShape[] };

// ---- Prisma schema side: Prisma's own DMMF, from the same wasm module the CLI bundles ----

const functionDefaultSchema = z.object({ name: z.string(), args: z.array(z.unknown()) });
const fieldSchema = z.object({
  name: z.string(),
  dbName: z.string().nullish(),
  kind: z.enum(['scalar', 'enum', 'object', 'unsupported']),
  type: z.string(),
  isList: z.boolean(),
  isRequired: z.boolean(),
  hasDefaultValue: z.boolean(),
  default: z.union([functionDefaultSchema, z.string(), z.number(), z.boolean(), z.array(z.unknown())]).optional(),
  nativeType: z.tuple([z.string(), z.array(z.string())]).nullish(),
  relationFromFields: z.array(z.string()).optional(),
  relationToFields: z.array(z.string()).optional(),
  relationOnDelete: referentialActionSchema.optional(),
  relationOnUpdate: referentialActionSchema.optional(),
});
const modelSchema = z.object({ name: z.string(), dbName: z.string().nullish(), fields: z.array(fieldSchema) });
const enumSchema = z.object({
  name: z.string(),
  dbName: z.string().nullish(),
  values: z.array(z.object({ name: z.string(), dbName: z.string().nullish() })),
});
const indexSchema = z.object({
  model: z.string(),
  type: z.enum(['id', 'normal', 'unique', 'fulltext']),
  dbName: z.string().nullish(),
  algorithm: z.string().optional(),
  fields: z.array(z.object({ name: z.string(), sortOrder: z.enum(['asc', 'desc']).optional() })),
});
const dmmfSchema = z.object({
  datamodel: z.object({ models: z.array(modelSchema), enums: z.array(enumSchema), indexes: z.array(indexSchema) }),
});

type DmmfField = z.infer<typeof fieldSchema>;
type DmmfModel = z.infer<typeof modelSchema>;
type DmmfEnum = z.infer<typeof enumSchema>;
type DmmfIndex = z.infer<typeof indexSchema>;
type DmmfLookup = { models: Map<string, DmmfModel>; enums: Map<string, DmmfEnum> };

const POSTGRES_IDENTIFIER_LIMIT = 63;

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  Char: ([length]) => `character(${length ?? 1})`,
  VarChar: ([length]) => (length ? `character varying(${length})` : 'character varying'),
  Bit: ([length]) => `bit(${length ?? 1})`,
  VarBit: ([length]) => (length ? `bit varying(${length})` : 'bit varying'),
  Uuid: () => 'uuid',
  Xml: () => 'xml',
  Inet: () => 'inet',
  Citext: () => 'citext',
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  Oid: () => 'oid',
  BigInt: () => 'bigint',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  Decimal: ([precision, scale]) => (precision ? `numeric(${precision},${scale ?? 0})` : 'numeric'),
  Money: () => 'money',
  Boolean: () => 'boolean',
  Timestamp: ([precision]) => withPrecision('timestamp', precision, 'without time zone'),
  Timestamptz: ([precision]) => withPrecision('timestamp', precision, 'with time zone'),
  Time: ([precision]) => withPrecision('time', precision, 'without time zone'),
  Timetz: ([precision]) => withPrecision('time', precision, 'with time zone'),
  Date: () => 'date',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
};

/** Without a precision PostgreSQL keeps its own default (6) and format_type prints none. */
function withPrecision(base: string, precision: string | undefined, zone: string): string {
  return precision === undefined ? `${base} ${zone}` : `${base}(${precision}) ${zone}`;
}

const CLIENT_GENERATED_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

/** Describes the database that `prisma migrate` would create for this schema text. */
export function describePrismaSchema(schemaText: string): DatabaseShape {
  const dmmf = dmmfSchema.parse(JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))));
  const { models, enums, indexes } = dmmf.datamodel;
  const lookup: DmmfLookup = {
    models: new Map(models.map((model) => [model.name, model])),
    enums: new Map(enums.map((item) => [item.name, item])),
  };
  return {
    enums: enums.map((item) => ({ name: dbNameOf(item), values: item.values.map(dbNameOf) })),
    tables: models.map((model) => describeModel(model, indexes.filter((index) => index.model === model.name), lookup)),
  };
}

function describeModel(model: DmmfModel, indexes: DmmfIndex[], lookup: DmmfLookup): TableShape {
  const table = dbNameOf(model);
  const idIndex = indexes.find((index) => index.type === 'id');
  return {
    name: table,
    columns: model.fields.filter((field) => field.kind !== 'object').map((field) => describeColumn(field, table, lookup)),
    primaryKey: idIndex
      ? {
          name: idIndex.dbName ?? `${table.slice(0, POSTGRES_IDENTIFIER_LIMIT - 5)}_pkey`,
          columns: idIndex.fields.map((field) => columnNameOf(model, field.name)),
        }
      : null,
    indexes: indexes
      .filter((index) => index.type === 'unique' || index.type === 'normal')
      .map((index) => describeModelIndex(model, index)),
    foreignKeys: model.fields.flatMap((field) => describeRelation(model, field, lookup)),
  };
}

function describeColumn(field: DmmfField, table: string, lookup: DmmfLookup): ColumnShape {
  const baseType = columnBaseType(field, lookup);
  const column = dbNameOf(field);
  return {
    name: column,
    type: field.isList ? `${baseType}[]` : baseType,
    // Prisma never puts NOT NULL on scalar lists, even required ones.
    nullable: field.isList || !field.isRequired,
    default: expectColumnDefault(field, { table, column, baseType }, lookup),
  };
}

function columnBaseType(field: DmmfField, lookup: DmmfLookup): string {
  if (field.kind === 'enum') return dbNameOf(findOrThrow(lookup.enums, field.type));
  if (field.kind === 'unsupported') return field.type;
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    return NATIVE_TYPES[name]?.(args) ?? name.toLowerCase();
  }
  return SCALAR_TYPES[field.type] ?? field.type.toLowerCase();
}

function expectColumnDefault(
  field: DmmfField,
  column: { table: string; column: string; baseType: string },
  lookup: DmmfLookup,
): string | null | undefined {
  if (!field.hasDefaultValue) return null;
  const value = field.default;
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const elementCast = field.kind === 'enum' ? quoteIdentifier(column.baseType) : column.baseType;
    return value.length === 0 ? `ARRAY[]::${elementCast}[]` : undefined;
  }
  if (typeof value === 'object') {
    if (value.name === 'autoincrement') {
      return `nextval('${quoteIdentifier(`${column.table}_${column.column}_seq`)}'::regclass)`;
    }
    if (value.name === 'now') return 'CURRENT_TIMESTAMP';
    return CLIENT_GENERATED_DEFAULTS.has(value.name) ? null : undefined;
  }
  if (field.kind === 'enum') {
    const label = findOrThrow(lookup.enums, field.type).values.find((item) => item.name === String(value));
    return label ? `${quoteLiteral(dbNameOf(label))}::${quoteIdentifier(column.baseType)}` : undefined;
  }
  if (field.type === 'Boolean') return String(value);
  if (['Int', 'BigInt', 'Float', 'Decimal'].includes(field.type)) {
    // PostgreSQL prints negative defaults as casts ('-1'::integer); rare enough to leave unchecked.
    return String(value).startsWith('-') ? undefined : String(value);
  }
  if ((field.type === 'String' && column.baseType === 'text') || field.type === 'Json') {
    return `${quoteLiteral(String(value))}::${column.baseType}`;
  }
  return undefined;
}

function describeModelIndex(model: DmmfModel, index: DmmfIndex): IndexShape {
  const table = dbNameOf(model);
  const columnNames = index.fields.map((field) => columnNameOf(model, field.name));
  const unique = index.type === 'unique';
  return {
    name: index.dbName ?? defaultIndexName(table, columnNames, unique ? '_key' : '_idx'),
    columns: index.fields.map((field, position) => `${columnNames[position]}${field.sortOrder === 'desc' ? ' DESC' : ''}`),
    unique,
    method: (index.algorithm ?? 'BTree').toLowerCase(),
  };
}

/** Prisma's naming convention (prisma-engines `ConstraintNames`): `{table}_{columns}` cut to fit, then the suffix. */
function defaultIndexName(table: string, columns: string[], suffix: string): string {
  return `${`${table}_${columns.join('_')}`.slice(0, POSTGRES_IDENTIFIER_LIMIT - suffix.length)}${suffix}`;
}

function describeRelation(model: DmmfModel, field: DmmfField, lookup: DmmfLookup): ForeignKeyShape[] {
  if (field.kind !== 'object' || !field.relationFromFields?.length) return [];
  const target = findOrThrow(lookup.models, field.type);
  return [
    {
      columns: field.relationFromFields.map((name) => columnNameOf(model, name)),
      referencedTable: dbNameOf(target),
      referencedColumns: (field.relationToFields ?? []).map((name) => columnNameOf(target, name)),
      // Prisma's implicit actions when the schema names none.
      onDelete: field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'),
      onUpdate: field.relationOnUpdate ?? 'Cascade',
    },
  ];
}

function columnNameOf(model: DmmfModel, fieldName: string): string {
  const field = model.fields.find((item) => item.name === fieldName);
  if (!field) throw new Error(`DMMF names ${model.name}.${fieldName} but does not define it`);
  return dbNameOf(field);
}

function dbNameOf(item: { name: string; dbName?: string | null }): string {
  return item.dbName ?? item.name;
}

function findOrThrow<T>(items: Map<string, T>, name: string): T {
  const item = items.get(name);
  if (item === undefined) throw new Error(`DMMF names ${name} but does not define it`);
  return item;
}

// Reserved words (a type named "user") are not handled: PostgreSQL quotes those too, and this schema has none.
function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// ---- Database side: the PostgreSQL catalogs of one schema ----

// Prisma Migrate's own bookkeeping, created by lib/db/migrate.ts, not by the schema.
const IGNORED_TABLES = new Set(['_prisma_migrations']);

const FOREIGN_KEY_ACTIONS: Record<string, ReferentialAction> = {
  a: 'NoAction',
  r: 'Restrict',
  c: 'Cascade',
  n: 'SetNull',
  d: 'SetDefault',
};

const TABLES_SQL = `
SELECT c.relname AS table
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
ORDER BY c.relname`;

// Enum types are named bare (as the schema does); format_type would quote them.
const COLUMNS_SQL = `
SELECT c.relname AS table, a.attname AS name,
  CASE WHEN t.typtype = 'e' THEN t.typname::text
       WHEN et.typtype = 'e' THEN et.typname || '[]'
       ELSE format_type(a.atttypid, a.atttypmod) END AS type,
  NOT a.attnotnull AS nullable,
  pg_get_expr(d.adbin, d.adrelid) AS default
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
ORDER BY c.relname, a.attnum`;

const INDEXES_SQL = `
SELECT c.relname AS table, ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method,
  ARRAY(
    SELECT COALESCE(a.attname::text, pg_get_indexdef(i.indexrelid, k.n, true))
      || CASE WHEN i.indoption[k.n - 1] & 1 = 1 THEN ' DESC' ELSE '' END
    FROM generate_series(1, i.indnkeyatts::int) AS k(n)
    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
    ORDER BY k.n
  ) AS columns
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1
ORDER BY c.relname, ic.relname`;

const FOREIGN_KEYS_SQL = `
SELECT c.relname AS table, rc.relname AS referenced_table, con.confdeltype AS on_delete, con.confupdtype AS on_update,
  ARRAY(
    SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n
  ) AS columns,
  ARRAY(
    SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, n)
    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n
  ) AS referenced_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_class rc ON rc.oid = con.confrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND n.nspname = $1
ORDER BY c.relname, con.conname`;

const ENUMS_SQL = `
SELECT t.typname AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = $1
ORDER BY t.typname`;

type ColumnRow = { table: string; name: string; type: string; nullable: boolean; default: string | null };
type IndexRow = { table: string; name: string; unique: boolean; primary: boolean; method: string; columns: string[] };
type ForeignKeyRow = {
  table: string;
  referenced_table: string;
  on_delete: string;
  on_update: string;
  columns: string[];
  referenced_columns: string[];
};

/** Reads the tables, keys and enums of one schema of the database at `connectionString`. */
export async function readDatabaseShape(connectionString: string, schema = 'public'): Promise<DatabaseShape> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Defaults print their casts and sequences unqualified only when the schema is on the search path.
    await client.query(`SELECT set_config('search_path', quote_ident($1), false)`, [schema]);
    const tables = await client.query<{ table: string }>(TABLES_SQL, [schema]);
    const columns = await client.query<ColumnRow>(COLUMNS_SQL, [schema]);
    const indexes = await client.query<IndexRow>(INDEXES_SQL, [schema]);
    const foreignKeys = await client.query<ForeignKeyRow>(FOREIGN_KEYS_SQL, [schema]);
    const enums = await client.query<EnumShape>(ENUMS_SQL, [schema]);
    return {
      enums: enums.rows,
      tables: tables.rows
        .filter((row) => !IGNORED_TABLES.has(row.table))
        .map((row) => assembleTable(row.table, columns.rows, indexes.rows, foreignKeys.rows)),
    };
  } finally {
    await client.end();
  }
}

function assembleTable(table: string, columns: ColumnRow[], indexes: IndexRow[], foreignKeys: ForeignKeyRow[]): TableShape {
  const tableIndexes = indexes.filter((row) => row.table === table);
  const primary = tableIndexes.find((row) => row.primary);
  return {
    name: table,
    columns: columns
      .filter((row) => row.table === table)
      .map((row) => ({ name: row.name, type: row.type, nullable: row.nullable, default: row.default })),
    primaryKey: primary ? { name: primary.name, columns: primary.columns } : null,
    indexes: tableIndexes
      .filter((row) => !row.primary)
      .map((row) => ({ name: row.name, columns: row.columns, unique: row.unique, method: row.method })),
    foreignKeys: foreignKeys
      .filter((row) => row.table === table)
      .map((row) => ({
        columns: row.columns,
        referencedTable: row.referenced_table,
        referencedColumns: row.referenced_columns,
        onDelete: FOREIGN_KEY_ACTIONS[row.on_delete] ?? 'NoAction',
        onUpdate: FOREIGN_KEY_ACTIONS[row.on_update] ?? 'NoAction',
      })),
  };
}

// ---- Comparison ----

/** Lists every way `actual` differs from `expected`, one readable line each; empty when they agree. */
export function diffDatabaseShapes(expected: DatabaseShape, actual: DatabaseShape): string[] {
  return [
    ...matchBy(expected.enums, actual.enums, (item) => item.name, {
      missing: (item) => `enum "${item.name}" is missing`,
      extra: (item) => `enum "${item.name}" is not in the schema`,
      pair: diffEnum,
    }),
    ...matchBy(expected.tables, actual.tables, (table) => table.name, {
      missing: (table) => `table "${table.name}" is missing`,
      extra: (table) => `table "${table.name}" is not in the schema`,
      pair: diffTable,
    }),
  ];
}

function diffEnum(expected: EnumShape, actual: EnumShape): string[] {
  if (expected.values.join(',') === actual.values.join(',')) return [];
  return [`enum "${expected.name}" has labels (${actual.values.join(', ')}), schema expects (${expected.values.join(', ')})`];
}

function diffTable(expected: TableShape, actual: TableShape): string[] {
  const prefix = `${expected.name}: `;
  const differences = [
    ...matchBy(expected.columns, actual.columns, (column) => column.name, {
      missing: (column) => `column "${column.name}" is missing`,
      extra: (column) => `column "${column.name}" is not in the schema`,
      pair: diffColumn,
    }),
    ...diffPrimaryKey(expected.primaryKey, actual.primaryKey),
    ...matchBy(expected.indexes, actual.indexes, (index) => `${index.unique}|${index.method}|${index.columns.join(',')}`, {
      missing: (index) => `${formatIndex(index)} is missing`,
      extra: (index) => `${formatIndex(index)} is not in the schema`,
      pair: (wanted, found) =>
        wanted.name === found.name ? [] : [`${formatIndex(found)} should be named "${wanted.name}"`],
    }),
    ...matchBy(expected.foreignKeys, actual.foreignKeys, formatForeignKey, {
      missing: (key) => `${formatForeignKey(key)} is missing`,
      extra: (key) => `${formatForeignKey(key)} is not in the schema`,
      pair: diffForeignKey,
    }),
  ];
  return differences.map((difference) => prefix + difference);
}

function diffColumn(expected: ColumnShape, actual: ColumnShape): string[] {
  const subject = `column "${expected.name}"`;
  const differences: string[] = [];
  if (expected.type !== actual.type) {
    differences.push(`${subject} has type ${actual.type}, schema expects ${expected.type}`);
  }
  if (expected.nullable !== actual.nullable) {
    differences.push(`${subject} is ${describeNullability(actual.nullable)}, schema expects ${describeNullability(expected.nullable)}`);
  }
  if (expected.default !== undefined && expected.default !== actual.default) {
    differences.push(`${subject} has default ${actual.default ?? 'none'}, schema expects ${expected.default ?? 'none'}`);
  }
  return differences;
}

function diffPrimaryKey(expected: KeyShape | null, actual: KeyShape | null): string[] {
  const describe = (key: KeyShape | null) => (key ? `${key.name} (${key.columns.join(', ')})` : 'none');
  return describe(expected) === describe(actual) ? [] : [`primary key is ${describe(actual)}, schema expects ${describe(expected)}`];
}

function diffForeignKey(expected: ForeignKeyShape, actual: ForeignKeyShape): string[] {
  const subject = formatForeignKey(expected);
  return [
    ...(expected.onDelete === actual.onDelete ? [] : [`${subject} has ON DELETE ${actual.onDelete}, schema expects ${expected.onDelete}`]),
    ...(expected.onUpdate === actual.onUpdate ? [] : [`${subject} has ON UPDATE ${actual.onUpdate}, schema expects ${expected.onUpdate}`]),
  ];
}

function formatIndex(index: IndexShape): string {
  const kind = [index.unique ? 'unique' : '', index.method === 'btree' ? '' : index.method, 'index'].filter(Boolean).join(' ');
  return `${kind} "${index.name}" (${index.columns.join(', ')})`;
}

function formatForeignKey(key: ForeignKeyShape): string {
  return `foreign key (${key.columns.join(', ')}) -> ${key.referencedTable} (${key.referencedColumns.join(', ')})`;
}

function describeNullability(nullable: boolean): string {
  return nullable ? 'nullable' : 'NOT NULL';
}

type MatchHandlers<T> = { missing: (item: T) => string; extra: (item: T) => string; pair: (expected: T, actual: T) => string[] };

function matchBy<T>(expected: T[], actual: T[], keyOf: (item: T) => string, handlers: MatchHandlers<T>): string[] {
  const actualByKey = new Map(actual.map((item) => [keyOf(item), item]));
  const expectedKeys = new Set(expected.map(keyOf));
  return [
    ...expected.flatMap((item) => {
      const match = actualByKey.get(keyOf(item));
      return match === undefined ? [handlers.missing(item)] : handlers.pair(item, match);
    }),
    ...actual.filter((item) => !expectedKeys.has(keyOf(item))).map(handlers.extra),
  ];
}
