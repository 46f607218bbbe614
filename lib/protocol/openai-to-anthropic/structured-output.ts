import type { AnthropicClientContext } from '../context';
import { parseJsonSafely } from '../json';
import { restoreOptional } from '../strict-schema';

/** A strict-schema answer in the client's own shape (nulls of optional properties removed); other text as is. */
export function restoreClientShape(text: string, context: AnthropicClientContext): string {
  if (!context.structuredOutputSchema) return text;
  const value = parseJsonSafely(text);
  return value === undefined ? text : JSON.stringify(restoreOptional(value, context.structuredOutputSchema));
}
