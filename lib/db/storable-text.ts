// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form: either makes the whole INSERT
// (or a query parameter) fail. Text from outside is checked or cleaned with these before it can reach a statement.

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text with every NUL and lone surrogate replaced by U+FFFD (the replacement character). */
export function toStorableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** What the API says of such text. */
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** The dotted path of the first string (key or value) in a JSON value that cannot be stored; null when all can. */
export function findUnstorableText(value: unknown): string | null {
  return unstorablePath(value)?.join('.') ?? null;
}

/** The path from `value` to its first unstorable string, built only on the way back from a hit. */
function unstorablePath(value: unknown): string[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : [];
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return [toStorableText(key)];
    const found = unstorablePath(item);
    if (found) return [key, ...found];
  }
  return null;
}

/** A JSON value with every key and string made storable (toStorableText), for JSONB columns that keep what clients sent. */
export function toStorableJson<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(toStorableJson) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [toStorableText(key), toStorableJson(item)])) as T;
}
