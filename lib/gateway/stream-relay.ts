import { formatAnthropicEvent } from '../protocol/anthropic/frames';
import { buildAnthropicError, buildOpenAIError, type ProtocolError } from '../protocol/errors';
import { formatOpenAIError } from '../protocol/openai/frames';
import { SseParser } from '../protocol/sse';
import type { Exchange } from './exchange';
import type { ClientProtocol } from './gateway-error';
import type { StreamPipeline, Translation } from './translation';
import { toTransportError, type UpstreamReply, type UpstreamTransportError } from './upstream-client';

// Streams: first a peek at the upstream's opening events (nothing has reached the client yet, so a stream
// that opens with an error can still fail over), then the committed relay, pulled by the client: back-pressure
// reaches the upstream socket, and a client that leaves cancels the upstream request.

/** Bytes the peek may hold before it commits anyway (opening frames are far smaller). */
const PEEK_LIMIT_BYTES = 64 * 1024;

type UpstreamIterator = AsyncIterator<Uint8Array>;

export type PeekResult =
  | { kind: 'commit'; buffered: Uint8Array[]; iterator: UpstreamIterator }
  | { kind: 'stream-error'; error: ProtocolError }
  | { kind: 'transport-error'; error: UpstreamTransportError };

export async function peekStream(reply: UpstreamReply, translation: Translation): Promise<PeekResult> {
  const iterator = reply.body[Symbol.asyncIterator]() as UpstreamIterator;
  const parser = new SseParser();
  const buffered: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) return { kind: 'commit', buffered, iterator };
      buffered.push(value);
      size += value.byteLength;
      for (const event of parser.push(value)) {
        const start = translation.classifyStreamStart(event);
        if (start.kind === 'error') {
          reply.body.destroy();
          return { kind: 'stream-error', error: start.error };
        }
        if (start.kind === 'content') return { kind: 'commit', buffered, iterator };
      }
      if (size >= PEEK_LIMIT_BYTES) return { kind: 'commit', buffered, iterator };
    }
  } catch (error) {
    reply.body.destroy();
    return { kind: 'transport-error', error: toTransportError(error) };
  }
}

export type RelayInput = {
  reply: UpstreamReply;
  peeked: Extract<PeekResult, { kind: 'commit' }>;
  pipeline: StreamPipeline;
  exchange: Exchange;
  clientProtocol: ClientProtocol;
};

/** The client's stream. Its end, error or cancellation finishes the exchange (one usage row). */
export function createRelayStream(input: RelayInput): ReadableStream<Uint8Array> {
  const { reply, peeked, pipeline, exchange } = input;
  const buffered = [...peeked.buffered];
  let transportError: UpstreamTransportError | null = null;

  const upstream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = buffered.shift();
        if (next) return controller.enqueue(next);
        try {
          const { done, value } = await peeked.iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          // Ending the source normally lets the converter write the client protocol's error ending.
          transportError = toTransportError(error);
          controller.close();
        }
      },
      cancel() {
        reply.body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
  const reader = upstream.pipeThrough(pipeline.transform).getReader();

  const finish = (clientGone: boolean) => {
    const errorType = describeFailure(clientGone);
    exchange.finish({ status: errorType ? 'error' : 'ok', httpStatus: 200, errorType, usage: pipeline.usage() });
  };
  /** The usage row's error label, or null for a stream that ended as its protocol says. */
  const describeFailure = (clientGone: boolean): string | null => {
    if (clientGone) return 'client_disconnected';
    const streamError = pipeline.error();
    if (streamError) return `upstream_stream_${streamError.status}`;
    if (transportError) return `upstream_${transportError.kind}`;
    return pipeline.complete() ? null : 'upstream_incomplete_stream';
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          transportError ??= toTransportError(new Error('stream conversion failed'));
          chunk = { done: true, value: undefined };
        }
        if (!chunk.done) {
          exchange.markFirstByte();
          controller.enqueue(chunk.value);
          return;
        }
        // A pass-through stream that broke or stopped short (and did not itself end with an error event) still
        // owes the client an ending; converters write theirs.
        if (pipeline.passthrough && !pipeline.error() && (transportError || !pipeline.complete())) {
          const reason = transportError ? `upstream stream failed: ${transportError.message}` : 'upstream stream ended before the message was complete';
          controller.enqueue(formatStreamError(input.clientProtocol, { status: 502, message: reason }));
        }
        controller.close();
        finish(false);
      },
      async cancel(reason) {
        finish(true);
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

const encoder = new TextEncoder();

function formatStreamError(protocol: ClientProtocol, error: ProtocolError): Uint8Array {
  const frame = protocol === 'anthropic' ? formatAnthropicEvent(buildAnthropicError(error).body) : formatOpenAIError(buildOpenAIError(error).body);
  return encoder.encode(frame);
}
