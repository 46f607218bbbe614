// Same-protocol requests: the body and stream pass through; these helpers only add what usage needs.
import { formatSseEvent, SseParser, type SseEvent } from './sse';
import type { StreamTransformer } from './stream-converter';
import { countStreamedTextChars } from './streamed-text';
import type { UsageSniffer } from './usage-sniffer';

/**
 * Passes an upstream stream to the client while the sniffer reads usage on the side. Bytes pass unchanged,
 * unless usage-only chunks must be dropped: then events are re-written one by one, minus those chunks.
 */
export function createPassthroughTransformer(sniffer: UsageSniffer, options: { dropUsageOnlyChunks?: boolean } = {}): StreamTransformer {
  const parser = new SseParser();
  let streamedChars = 0;
  const observe = (events: SseEvent[]) => {
    if (!options.dropUsageOnlyChunks) {
      for (const event of events) {
        streamedChars += countStreamedTextChars(event);
        sniffer.observe(event);
      }
      return null;
    }
    let text = '';
    for (const event of events) {
      streamedChars += countStreamedTextChars(event);
      if (!sniffer.observe(event).usageOnly) text += formatSseEvent(event);
    }
    return text === '' ? null : encoder.encode(text);
  };
  return {
    // Unless events are being dropped, the upstream's own bytes go out unchanged.
    push: (chunk) => observe(parser.push(chunk)) ?? (options.dropUsageOnlyChunks ? null : chunk),
    end: () => observe(parser.end()),
    atEventBoundary: () => parser.atEventBoundary(),
    streamedTextChars: () => streamedChars,
  };
}

const encoder = new TextEncoder();
