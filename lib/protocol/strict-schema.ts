// OpenAI's strict structured outputs take a JSON schema only when every object lists every property in `required`
// and sets `additionalProperties: false`. A client's schema with optional properties is made strict by requiring
// them as nullable; the model then answers `null` where it would have left a property out, and `restoreOptional`
// removes those nulls again, so the client sees its own shape. A schema that allows extra properties cannot be made
// strict and is sent with `strict: false` instead (docs/CONVERSION.md §10).
import { isRecord, type JsonSchema } from './json';

const SUBSCHEMA_LISTS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_MAPS = ['$defs', 'definitions'] as const;

/** The strict form of a schema, or null when it cannot have one (an object allows additional properties). */
export function toStrictSchema(schema: JsonSchema): JsonSchema | null {
  try {
    return strictify(schema) as JsonSchema;
  } catch (error) {
    if (error instanceof NotStrictable) return null;
    throw error;
  }
}

class NotStrictable extends Error {}

function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isRecord(value)) out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strictify(sub)]));
    else if (key === 'items' || key === 'not') out[key] = strictify(value);
    else if ((SUBSCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(value)) out[key === 'oneOf' ? 'anyOf' : key] = value.map(strictify);
    else if ((SCHEMA_MAPS as readonly string[]).includes(key) && isRecord(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strictify(sub)]));
    else out[key] = value;
  }
  if (!isObjectSchema(node)) return out;
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) throw new NotStrictable();
  if (node.patternProperties !== undefined) throw new NotStrictable();
  const properties = isRecord(out.properties) ? out.properties : {};
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  out.properties = Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, required.has(name) ? sub : nullable(sub)]));
  out.required = Object.keys(properties);
  out.additionalProperties = false;
  return out;
}

function isObjectSchema(node: Record<string, unknown>): boolean {
  return node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || (node.type === undefined && isRecord(node.properties));
}

/** The schema, also allowing null. */
function nullable(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  if (allowsNull(schema)) return schema;
  if (typeof schema.type === 'string' && schema.enum === undefined && schema.const === undefined) return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.type) && schema.enum === undefined && schema.const === undefined) return { ...schema, type: [...schema.type, 'null'] };
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
}

function allowsNull(schema: Record<string, unknown>): boolean {
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  return Array.isArray(schema.anyOf) && schema.anyOf.some((branch) => isRecord(branch) && allowsNull(branch));
}

/**
 * The model's answer in the client's shape: properties the client's schema left optional (and did not allow to be
 * null) are removed where the model answered null. `schema` is the client's own schema.
 */
export function restoreOptional(value: unknown, schema: JsonSchema): unknown {
  const defs = { ...(isRecord(schema.$defs) ? schema.$defs : {}), ...(isRecord(schema.definitions) ? schema.definitions : {}) };
  return restore(value, schema, defs, 0);
}

const MAX_DEPTH = 64;

function restore(value: unknown, schema: unknown, defs: Record<string, unknown>, depth: number): unknown {
  if (depth > MAX_DEPTH || !isRecord(schema)) return value;
  const resolved = resolveRef(schema, defs);
  if (Array.isArray(value)) return isRecord(resolved.items) ? value.map((item) => restore(item, resolved.items, defs, depth + 1)) : value;
  if (!isRecord(value)) return value;
  const objectSchema = isRecord(resolved.properties) ? resolved : findObjectBranch(resolved, defs);
  if (!objectSchema || !isRecord(objectSchema.properties)) return value;
  const properties = objectSchema.properties;
  const required = new Set(Array.isArray(objectSchema.required) ? objectSchema.required.map(String) : []);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key];
    const optional = !required.has(key) && isRecord(propertySchema) && !allowsNull(resolveRef(propertySchema, defs));
    if (item === null && optional) continue;
    out[key] = restore(item, propertySchema, defs, depth + 1);
  }
  return out;
}

function resolveRef(schema: Record<string, unknown>, defs: Record<string, unknown>): Record<string, unknown> {
  if (typeof schema.$ref !== 'string') return schema;
  const name = schema.$ref.replace(/^#\/(\$defs|definitions)\//, '');
  const target = defs[name];
  return isRecord(target) ? target : schema;
}

function findObjectBranch(schema: Record<string, unknown>, defs: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      if (!isRecord(branch)) continue;
      const resolved = resolveRef(branch, defs);
      if (isRecord(resolved.properties)) return resolved;
    }
  }
  return undefined;
}
