import { redactKey } from '../gateway';

// What of a provider's error answer the provider test may show an admin. Whoever can edit a provider chooses the
// server it talks to, so the answer is the other side's to write: only the two documented error shapes contribute a
// message, and that message is cut short and stripped of anything a terminal or a page could act on.

const MAX_MESSAGE_CHARS = 200;
/** Control, format (bidi, zero-width) and line/paragraph separator characters. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

/**
 * `error.message` of an OpenAI (`{error: {message}}`) or Anthropic (`{type: "error", error: {message}}`) error
 * body; null for any other body, which then contributes nothing.
 */
export function readProviderErrorMessage(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !isRecord(parsed.error)) return null;
  const { message } = parsed.error;
  return typeof message === 'string' ? message : null;
}

/** One line of at most 200 characters, without unprintable characters and with the key blanked out. */
export function sanitiseProviderMessage(message: string, apiKey: string): string {
  const line = redactKey(message.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim(), apiKey);
  const chars = Array.from(line);
  return chars.length > MAX_MESSAGE_CHARS ? `${chars.slice(0, MAX_MESSAGE_CHARS).join('')}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
