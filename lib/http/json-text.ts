// The raw text of a JSON object, read and edited without parsing it again: where its top-level values sit, whether
// it repeats a key, how deep it nests, and edits that splice the text so everything else stays byte for byte.

export type ValueRange = { start: number; end: number };

/** How deep the bodies the gateway and the admin API take may nest; real tool schemas stay far below. */
export const MAX_JSON_NESTING = 128;

export type JsonObjectScan = {
  /** Where each top-level member's value sits (the last one, for a repeated key). */
  members: Map<string, ValueRange>;
  /** The first key the object repeats at its top level. */
  duplicate: string | null;
  /** How deep objects and arrays nest, the object itself counting 1. */
  depth: number;
};

/**
 * One linear pass over the raw text of a JSON object. The text must already be known to be valid JSON (its
 * reader parsed it), so the scanner only tracks strings and nesting.
 */
export function scanJsonObject(text: string): JsonObjectScan {
  const members = new Map<string, ValueRange>();
  let duplicate: string | null = null;
  let depth = 0;
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return { members, duplicate, depth };
  depth = 1;
  i = skipSpace(text, i + 1);
  while (i < text.length && text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const rawKey = text.slice(i, keyEnd);
    const key = rawKey.includes('\\') ? (JSON.parse(rawKey) as string) : rawKey.slice(1, -1);
    i = skipSpace(text, keyEnd);
    i = skipSpace(text, i + 1); // past ':'
    const start = i;
    const value = skipValue(text, i);
    if (members.has(key)) duplicate ??= key;
    members.set(key, { start, end: value.end });
    depth = Math.max(depth, 1 + value.depth);
    i = skipSpace(text, value.end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return { members, duplicate, depth };
}

/** Where each top-level member's value sits in the raw text of a JSON object. */
export function findTopLevelValues(text: string): Map<string, ValueRange> {
  return scanJsonObject(text).members;
}

/**
 * Replaces (or, when absent, inserts first) top-level members. Values are raw JSON text; undefined removes
 * nothing and is ignored, so callers can pass optional edits.
 */
export function spliceTopLevel(text: string, edits: Record<string, string | undefined>, ranges = findTopLevelValues(text)): string {
  const replacements: { start: number; end: number; value: string }[] = [];
  const inserts: string[] = [];
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) continue;
    const range = ranges.get(key);
    if (range) replacements.push({ ...range, value });
    else inserts.push(`${JSON.stringify(key)}:${value}`);
  }
  replacements.sort((a, b) => b.start - a.start);
  let result = text;
  for (const { start, end, value } of replacements) result = result.slice(0, start) + value + result.slice(end);
  if (inserts.length > 0) {
    const open = result.indexOf('{');
    const rest = result.slice(open + 1);
    const separator = rest.trim().startsWith('}') ? '' : ',';
    result = `${result.slice(0, open + 1)}${inserts.join(',')}${separator}${rest}`;
  }
  return result;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    i++;
  }
  return i;
}

/** From an opening quote to just past its closing quote. */
function skipString(text: string, from: number): number {
  let i = from + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let j = quote - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** Past one value, and how deep it nests (0 for a string, number or literal). */
function skipValue(text: string, from: number): { end: number; depth: number } {
  const first = text.charCodeAt(from);
  if (first === QUOTE) return { end: skipString(text, from), depth: 0 };
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let deepest = 0;
    let i = from;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        i = skipString(text, i);
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) deepest = Math.max(deepest, ++depth);
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return { end: i + 1, depth: deepest };
      }
      i++;
    }
    return { end: i, depth: deepest };
  }
  // A number, true, false or null: it ends at the next delimiter or whitespace.
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === CLOSE_BRACE || code <= 0x20) break;
    i++;
  }
  return { end: i, depth: 0 };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
