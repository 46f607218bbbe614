// Helpers shared by this folder's tests only.
import { formatSseEvent, SseParser, type SseEvent } from './sse';
import type { StreamTransformer } from './stream-converter';

/** Feeds the chunks to a transformer, then ends it, and returns everything it wrote as text. */
export function runTransformer(transformer: StreamTransformer, chunks: Uint8Array[]): string {
  const output = [...chunks.map((chunk) => transformer.push(chunk)), transformer.end()].filter((bytes) => bytes !== null);
  return Buffer.concat(output).toString('utf8');
}

/** A recorded upstream event payload, loosely typed so tests can also send malformed ones. */
export type RecordedEvent = { type: string; [field: string]: unknown };

/** Turns recorded upstream payloads into SSE events the way they arrive on the wire. */
export function toAnthropicEvents(payloads: RecordedEvent[]): SseEvent[] {
  return payloads.map((payload) => ({ event: payload.type, data: JSON.stringify(payload) }));
}

export function toOpenAIEvents(payloads: (object | '[DONE]')[]): SseEvent[] {
  return payloads.map((payload) => ({ data: payload === '[DONE]' ? '[DONE]' : JSON.stringify(payload) }));
}

/** Serializes events to wire text, as an upstream would send them. */
export function toWireText(events: SseEvent[]): string {
  return events.map(formatSseEvent).join('');
}

/** Parses converter output frames back into events so tests can assert on their JSON. */
export function parseFrames(frames: string[]): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(frames.join('')), ...parser.end()];
}

/** The JSON payloads of the frames, with `[DONE]` kept as a string. */
export function readPayloads(frames: string[]): unknown[] {
  return parseFrames(frames).map((event) => (event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data)));
}
