import { createHash, randomUUID } from 'node:crypto';

const VALID_TOOL_ID = /^[a-zA-Z0-9_-]+$/;

/** A short, stable fingerprint of a string (hex). */
export function hashShort(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Makes a tool-call id acceptable to Anthropic (`^[a-zA-Z0-9_-]+$`). Valid ids are kept; others have each
 * invalid character replaced and a hash of the original appended, so the mapping is deterministic (the same
 * function serves tool_use.id and tool_result.tool_use_id) and two ids never collapse into one.
 */
export function sanitizeToolCallId(id: string): string {
  if (VALID_TOOL_ID.test(id)) return id;
  return `${id.replace(/[^a-zA-Z0-9_-]/g, '_')}_${hashShort(id)}`;
}

/** OpenAI function names are limited to 64 characters: longer names become a 55-char prefix, `_`, and a hash. */
export function shortenToolName(name: string, maxLength = 64): string {
  if (name.length <= maxLength) return name;
  return `${name.slice(0, maxLength - 9)}_${hashShort(name)}`;
}

/** A fresh id with a protocol's prefix (`msg_`, `toolu_`, `chatcmpl-`, `call_`). */
export function generateId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
