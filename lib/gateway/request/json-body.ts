// Request bodies: read with a size cap, parsed once, and edited at the top level by splicing the raw text so a
// pass-through body reaches the upstream byte for byte except the edited fields (key order, number formats
// and whitespace survive; no re-serialization of megabytes of base64 images).
import { BodyTooLargeError, readBoundedText } from '../../http/bounded-body';

export type JsonObject = Record<string, unknown>;

export type BodyProblem = { status: 400 | 413; message: string };

export class BodyError extends Error {
  constructor(readonly problem: BodyProblem) {
    super(problem.message);
    this.name = 'BodyError';
  }
}

/** `members`: where each top-level value sits in `text`, found while checking the body, so edits need no rescan. */
export type ParsedBody = { text: string; json: JsonObject; members: Map<string, ValueRange> };

/** Reads at most maxBytes (413 beyond), then parses: 400 naming the problem for anything but a JSON object. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<ParsedBody> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === '') throw new BodyError({ status: 400, message: 'Request body is empty; expected a JSON object' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BodyError({ status: 400, message: `Request body is not valid JSON: ${(error as Error).message}` });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BodyError({ status: 400, message: 'Request body must be a JSON object' });
  }
  // JSON.parse keeps the last of a repeated key, a provider may read the first: the checks here and the provider
  // must see one and the same request.
  const { members, duplicate } = scanTopLevel(text);
  if (duplicate !== null) throw new BodyError({ status: 400, message: `Request body repeats the key "${duplicate}"` });
  return { text, json: json as JsonObject, members };
}

async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  try {
    return await readBoundedText(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new BodyError({ status: 413, message: error.message });
    throw error;
  }
}

type ValueRange = { start: number; end: number };

/**
 * Where each top-level member's value sits in the raw text of a JSON object (the last one, for a repeated key), and
 * the first key the text repeats. The text must already be known to be valid JSON (readJsonBody parsed it), so the
 * scanner only tracks strings and nesting.
 */
function scanTopLevel(text: string): { members: Map<string, ValueRange>; duplicate: string | null } {
  const members = new Map<string, ValueRange>();
  let duplicate: string | null = null;
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return { members, duplicate };
  i = skipSpace(text, i + 1);
  while (i < text.length && text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const rawKey = text.slice(i, keyEnd);
    const key = rawKey.includes('\\') ? (JSON.parse(rawKey) as string) : rawKey.slice(1, -1);
    i = skipSpace(text, keyEnd);
    i = skipSpace(text, i + 1); // past ':'
    const start = i;
    const end = skipValue(text, i);
    if (members.has(key)) duplicate ??= key;
    members.set(key, { start, end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return { members, duplicate };
}

/** Where each top-level member's value sits in the raw text of a JSON object. */
export function findTopLevelValues(text: string): Map<string, ValueRange> {
  return scanTopLevel(text).members;
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

function skipValue(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first === QUOTE) return skipString(text, from);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let i = from;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        i = skipString(text, i);
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  // A number, true, false or null: it ends at the next delimiter or whitespace.
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === CLOSE_BRACE || code <= 0x20) break;
    i++;
  }
  return i;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
