// The contract every stream converter and usage sniffer meets, and the TransformStream that runs one.
import type { ProtocolError } from './errors';
import { SseParser, type SseEvent } from './sse';
import { countStreamedTextChars } from './streamed-text';
import type { NormalizedUsage } from './usage';

/** One object per stream: it keeps the conversion state across network chunks. */
export type StreamConverter = {
  /** Converts one upstream event into zero or more SSE frames for the client, already formatted. */
  push(event: SseEvent): string[];
  /** Upstream EOF: the frames that end the client stream properly (or with an error, never a fake finish). */
  end(): string[];
  /** Usage as known so far (final once the stream has ended); null before the upstream reported any. */
  readonly usage: NormalizedUsage | null;
  /** The error that ended the stream, if any: the upstream's, or the converter's own when it ended early. */
  readonly error: ProtocolError | null;
  /** The upstream stopped before its protocol's end (EOF without a finish); `error` then says so. */
  readonly endedEarly: boolean;
};

/**
 * Upstream bytes in, client bytes out, one network chunk at a time, synchronously: the relay calls it between
 * its socket reads, so a stream costs no extra stream layer per conversion.
 */
export type StreamTransformer = {
  /** The client bytes one upstream chunk completes; null when it completed nothing. */
  push(chunk: Uint8Array): Uint8Array | null;
  /** Upstream EOF: whatever is left, including the converter's ending. */
  end(): Uint8Array | null;
  /** True between events, where a keep-alive comment can go out without cutting one in two. */
  atEventBoundary(): boolean;
  /** Characters of generated text the upstream streamed so far: the output estimate of a stream cut short. */
  streamedTextChars(): number;
};

const encoder = new TextEncoder();

/** Runs upstream bytes through an SSE parser and the converter. Its output is always whole frames. */
export function createConversionTransformer(converter: StreamConverter): StreamTransformer {
  const parser = new SseParser();
  let streamedChars = 0;
  const convert = (events: SseEvent[], atEnd: boolean) => {
    let text = '';
    for (const event of events) {
      streamedChars += countStreamedTextChars(event);
      for (const frame of converter.push(event)) text += frame;
    }
    if (atEnd) for (const frame of converter.end()) text += frame;
    return text === '' ? null : encoder.encode(text);
  };
  return {
    push: (chunk) => convert(parser.push(chunk), false),
    end: () => convert(parser.end(), true),
    atEventBoundary: () => true,
    streamedTextChars: () => streamedChars,
  };
}

/**
 * One converter's output run through another: a Responses client on an Anthropic-type route is Messages → Chat
 * (one converter) → Responses (the next). The first one's usage and error win: it is closer to the upstream.
 */
export function chainConverters(first: StreamConverter, second: StreamConverter): StreamConverter {
  const between = new SseParser();
  const relay = (frames: string[]): string[] => {
    const out: string[] = [];
    for (const frame of frames) for (const event of between.push(frame)) out.push(...second.push(event));
    return out;
  };
  return {
    push: (event) => relay(first.push(event)),
    end: () => {
      const out = relay(first.end());
      for (const event of between.end()) out.push(...second.push(event));
      out.push(...second.end());
      return out;
    },
    get usage() {
      return first.usage ?? second.usage;
    },
    get error() {
      return first.error ?? second.error;
    },
    get endedEarly() {
      return first.endedEarly || second.endedEarly;
    },
  };
}
