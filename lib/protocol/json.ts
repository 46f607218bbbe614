// Small JSON helpers for tool arguments, which upstreams and clients send as loosely formed strings.

/** A JSON Schema object (tool parameters, structured output schemas), passed through untouched. */
export type JsonSchema = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJsonSafely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Completes JSON cut off mid-way (the usual failure of streamed tool arguments): closes an open string,
 * drops a dangling comma, fills a dangling key with null, and closes open objects and arrays.
 * Returns undefined when the text is still not valid JSON.
 */
export function repairJson(text: string): unknown {
  const closers: string[] = [];
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') closers.push('}');
    else if (char === '[') closers.push(']');
    else if (char === '}' || char === ']') closers.pop();
  }
  let repaired = inString ? `${escaped ? text.slice(0, -1) : text}"` : text.trimEnd();
  if (repaired.endsWith(',')) repaired = repaired.slice(0, -1);
  if (repaired.endsWith(':')) repaired += 'null';
  return parseJsonSafely(repaired + closers.reverse().join(''));
}

export type ParsedArguments = { input: Record<string, unknown>; problem?: string };

/**
 * Parses a tool call's `arguments` string into the object Anthropic's `tool_use.input` requires.
 * `""` is `{}`. Invalid JSON is repaired when possible. What still is not an object goes through `fallback`
 * and the result names the problem so the caller can log it.
 */
export function parseToolArguments(
  text: string,
  fallback: (text: string, parsed: unknown) => Record<string, unknown>,
): ParsedArguments {
  if (text.trim() === '') return { input: {} };
  const parsed = parseJsonSafely(text);
  if (isRecord(parsed)) return { input: parsed };
  if (parsed !== undefined) return { input: fallback(text, parsed), problem: 'tool arguments are not a JSON object' };
  const repaired = repairJson(text);
  if (isRecord(repaired)) return { input: repaired, problem: 'tool arguments were invalid JSON and were repaired' };
  return { input: fallback(text, undefined), problem: 'tool arguments are invalid JSON' };
}
