// Same-protocol requests: the body and stream pass through; these helpers only add what usage needs.
import { formatSseEvent, SseParser, type SseEvent } from './sse';
import type { UsageSniffer } from './usage-sniffer';

/**
 * For an OpenAI streaming pass-through: asks the upstream for the usage chunk and says whether the client
 * asked for it itself (if not, the gateway drops that chunk again). The body is otherwise untouched.
 */
export function requestOpenAIStreamUsage<T extends { stream?: boolean | null; stream_options?: { include_usage?: boolean } | null }>(
  body: T,
): { body: T; clientWantsUsage: boolean } {
  const clientWantsUsage = body.stream_options?.include_usage === true;
  if (!body.stream || clientWantsUsage) return { body, clientWantsUsage };
  return { body: { ...body, stream_options: { ...body.stream_options, include_usage: true } }, clientWantsUsage };
}

/**
 * Pipes an upstream stream to the client while the sniffer reads usage on the side. Bytes pass unchanged,
 * unless usage-only chunks must be dropped: then events are re-written one by one, minus those chunks.
 */
export function createPassthroughStream(
  sniffer: UsageSniffer,
  options: { dropUsageOnlyChunks?: boolean } = {},
): TransformStream<Uint8Array, Uint8Array> {
  const parser = new SseParser();
  const encoder = new TextEncoder();
  const forward = (events: SseEvent[], controller: TransformStreamDefaultController<Uint8Array>, raw?: Uint8Array) => {
    if (!options.dropUsageOnlyChunks) {
      if (raw) controller.enqueue(raw);
      for (const event of events) sniffer.observe(event);
      return;
    }
    const text = events.filter((event) => !sniffer.observe(event).usageOnly).map(formatSseEvent).join('');
    if (text) controller.enqueue(encoder.encode(text));
  };
  return new TransformStream({
    transform: (chunk, controller) => forward(parser.push(chunk), controller, chunk),
    flush: (controller) => forward(parser.end(), controller),
  });
}
