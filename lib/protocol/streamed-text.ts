// How much generated text one upstream stream event carried, read without parsing its JSON: a stream that ends
// early (the client left, the upstream broke) has no final usage, and docs/CONVERSION.md §8.1 bills it from what
// was streamed, not as zero.
import type { SseEvent } from './sse';

/** The string fields that carry generated text or tool arguments in each protocol's deltas. */
const ANTHROPIC_TEXT_KEYS = ['"text":"', '"thinking":"', '"partial_json":"'];
const OPENAI_TEXT_KEYS = ['"content":"', '"arguments":"', '"reasoning_content":"'];
/** The Responses API names its events; every `*.delta` event carries its text in `delta`. */
const RESPONSES_TEXT_KEYS = ['"delta":"'];

/** Characters of generated text in one event (JSON escapes count as one character each, roughly). */
export function countStreamedTextChars(event: SseEvent): number {
  const { data } = event;
  const keys = textKeysOf(event.event);
  let total = 0;
  for (const key of keys) {
    for (let at = data.indexOf(key); at !== -1; at = data.indexOf(key, at + key.length)) {
      const start = at + key.length;
      total += stringLength(data, start);
    }
    // An Anthropic delta carries one kind of text: once it is found, the other keys need no scan.
    if (total > 0 && keys === ANTHROPIC_TEXT_KEYS) return total;
  }
  return total;
}

/** Chat Completions names no events; Anthropic's text is in content_block_delta; the Responses API's in `*.delta`. */
function textKeysOf(eventName: string | undefined): readonly string[] {
  if (eventName === undefined) return OPENAI_TEXT_KEYS;
  if (eventName === 'content_block_delta') return ANTHROPIC_TEXT_KEYS;
  return eventName.endsWith('.delta') ? RESPONSES_TEXT_KEYS : [];
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
