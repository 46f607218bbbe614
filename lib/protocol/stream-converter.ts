// The contract every stream converter and usage sniffer meets, and the TransformStream that runs one.
import type { ProtocolError } from './errors';
import { SseParser, type SseEvent } from './sse';
import type { NormalizedUsage } from './usage';

/** One object per stream: it keeps the conversion state across network chunks. */
export type StreamConverter = {
  /** Converts one upstream event into zero or more SSE frames for the client, already formatted. */
  push(event: SseEvent): string[];
  /** Upstream EOF: the frames that end the client stream properly (or with an error, never a fake finish). */
  end(): string[];
  /** Usage as known so far (final once the stream has ended); null before the upstream reported any. */
  readonly usage: NormalizedUsage | null;
  /** The upstream error that ended the stream, if any. */
  readonly error: ProtocolError | null;
};

/** Pipes upstream bytes through an SSE parser and the converter, producing client bytes. */
export function createConversionStream(converter: StreamConverter): TransformStream<Uint8Array, Uint8Array> {
  const parser = new SseParser();
  const encoder = new TextEncoder();
  const enqueueFrames = (frames: string[], controller: TransformStreamDefaultController<Uint8Array>) => {
    if (frames.length > 0) controller.enqueue(encoder.encode(frames.join('')));
  };
  return new TransformStream({
    transform(chunk, controller) {
      enqueueFrames(parser.push(chunk).flatMap((event) => converter.push(event)), controller);
    },
    flush(controller) {
      enqueueFrames([...parser.end().flatMap((event) => converter.push(event)), ...converter.end()], controller);
    },
  });
}
