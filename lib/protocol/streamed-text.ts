// How much generated text one upstream stream event carried, read without parsing its JSON: a stream that ends
// early (the client left, the upstream broke) has no final usage, and CONVERSION.md wants it billed from what
// was streamed, not as zero.
import type { SseEvent } from './sse';

/** The string fields that carry generated text or tool arguments in each protocol's deltas. */
const ANTHROPIC_TEXT_KEYS = ['"text":"', '"thinking":"', '"partial_json":"'];
const OPENAI_TEXT_KEYS = ['"content":"', '"arguments":"', '"reasoning_content":"'];

/** Characters of generated text in one event (JSON escapes count as one character each, roughly). */
export function countStreamedTextChars(event: SseEvent): number {
  const { data } = event;
  // Anthropic names its events, and only content_block_delta carries generated text; OpenAI names none.
  if (event.event !== undefined && event.event !== 'content_block_delta') return 0;
  let total = 0;
  for (const key of event.event === undefined ? OPENAI_TEXT_KEYS : ANTHROPIC_TEXT_KEYS) {
    for (let at = data.indexOf(key); at !== -1; at = data.indexOf(key, at + key.length)) {
      const start = at + key.length;
      total += stringLength(data, start);
    }
  }
  return total;
}

/** Length of the JSON string body starting at `start` (just past its opening quote), escapes as one. */
function stringLength(data: string, start: number): number {
  let length = 0;
  for (let i = start; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code === QUOTE) return length;
    if (code === BACKSLASH) i += data.charCodeAt(i + 1) === U ? 5 : 1;
    length++;
  }
  return length;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;

/** The usual rule of thumb for English text and code: about four characters per token. */
export function estimateTokensFromChars(chars: number): number {
  return Math.ceil(chars / 4);
}
