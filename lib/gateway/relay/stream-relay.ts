import { formatAnthropicEvent } from '../../protocol/anthropic/frames';
import { buildAnthropicError, buildOpenAIError, type ProtocolError } from '../../protocol/errors';
import { formatOpenAIError } from '../../protocol/openai/frames';
import { estimatePartialUsage } from '../../protocol/partial-usage';
import { formatSseComment } from '../../protocol/sse';
import type { Exchange } from './exchange';
import { toTransportError, type UpstreamReply, type UpstreamTransportError } from '../upstream/upstream-client';
import type { PeekResult } from './stream-peek';
import type { StreamPipeline } from './translation';
import type { ClientProtocol } from '../request/endpoint';
import { TRANSPORT_ERROR_TYPES, type ErrorType } from '../request/error-type';

// The committed relay of a stream (after stream-peek.ts let it through), pulled by the client: back-pressure
// reaches the upstream socket, and a client that leaves cancels the upstream request.

export type RelayInput = {
  reply: UpstreamReply;
  peeked: Extract<PeekResult, { kind: 'commit' }>;
  pipeline: StreamPipeline;
  exchange: Exchange;
  clientProtocol: ClientProtocol;
  /** Quiet time after which a keep-alive comment goes to the client; 0 sends none. */
  heartbeatMs: number;
  /** The request's input tokens, estimated: billed when a stream ends before the upstream reported them. */
  estimateInputTokens: () => Promise<number>;
  /** Aborts at the shutdown deadline: the stream then ends at once with an error ending in the client's protocol. */
  deadline: AbortSignal;
};

const HEARTBEAT_FRAME = new TextEncoder().encode(formatSseComment('keep-alive'));

/**
 * The client's stream, pulled by the client: each pull reads the upstream socket and runs the pipeline's
 * transformer on what came. Its end, error or cancellation finishes the exchange (one usage row).
 */
export function createRelayStream(input: RelayInput): ReadableStream<Uint8Array> {
  const { reply, peeked, pipeline, exchange } = input;
  const { transformer } = pipeline;
  const buffered = [...peeked.buffered];
  let transportError: UpstreamTransportError | null = null;
  let stoppedByShutdown = false;
  let finished = false;
  let lastSentAt = Date.now();
  let heartbeat: NodeJS.Timeout | undefined;

  let markStopped: (end: IteratorReturnResult<undefined>) => void = () => {};
  /** Settles at the shutdown deadline, ending a read that waits on a silent upstream. */
  const stopped = new Promise<IteratorReturnResult<undefined>>((resolve) => (markStopped = resolve));
  const stopForShutdown = () => {
    stoppedByShutdown = true;
    markStopped({ done: true, value: undefined });
    reply.body.destroy();
  };
  const finish = (clientGone: boolean) => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    input.deadline.removeEventListener('abort', stopForShutdown);
    const errorType = describeFailure(clientGone);
    if (!errorType) return exchange.finish({ status: 'ok', httpStatus: 200, errorType, usage: pipeline.usage() });
    void estimatePartialUsage(pipeline.usage(), transformer.streamedTextChars(), input.estimateInputTokens).then((usage) =>
      exchange.finish({ status: 'error', httpStatus: 200, errorType, usage }),
    );
  };
  /** The usage row's error label, or null for a stream that ended as its protocol says. */
  const describeFailure = (clientGone: boolean): ErrorType | null => {
    if (clientGone) return 'client_disconnected';
    if (stoppedByShutdown) return 'shutting_down';
    // Before the stream's own error: a converter that saw the connection break reports it as an error event too.
    if (transportError) return TRANSPORT_ERROR_TYPES[transportError.kind];
    if (pipeline.error()) return 'upstream_stream_error';
    return pipeline.complete() ? null : 'upstream_incomplete';
  };
  /** The next upstream chunk, or null at its end (a broken upstream also ends it, noted in transportError). */
  const readUpstream = async (): Promise<Uint8Array | null> => {
    const next = buffered.shift();
    if (next) return next;
    try {
      const { done, value } = await Promise.race([peeked.iterator.next(), stopped]);
      return done || stoppedByShutdown ? null : value;
    } catch (error) {
      transportError = toTransportError(error);
      return null;
    }
  };
  /** Runs the transformer; a converter that trips over an event ends the stream like a broken upstream. */
  const transform = (chunk: Uint8Array | null): { output: Uint8Array | null; ended: boolean } => {
    try {
      return chunk ? { output: transformer.push(chunk), ended: false } : { output: transformer.end(), ended: true };
    } catch {
      transportError ??= toTransportError(new Error('stream conversion failed'));
      return { output: null, ended: true };
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (input.deadline.aborted) stopForShutdown();
        else input.deadline.addEventListener('abort', stopForShutdown, { once: true });
        if (input.heartbeatMs <= 0) return;
        heartbeat = setInterval(() => {
          if (Date.now() - lastSentAt < input.heartbeatMs || !transformer.atEventBoundary()) return;
          lastSentAt = Date.now();
          controller.enqueue(HEARTBEAT_FRAME);
        }, input.heartbeatMs);
        heartbeat.unref();
      },
      async pull(controller) {
        for (;;) {
          const { output, ended } = transform(await readUpstream());
          if (output) {
            exchange.markFirstByte();
            lastSentAt = Date.now();
            controller.enqueue(output);
          }
          if (ended) {
            // A pass-through stream that broke or stopped short (and did not itself end with an error event)
            // still owes the client an ending; converters write theirs.
            if (pipeline.passthrough && !pipeline.error() && (transportError || !pipeline.complete())) {
              controller.enqueue(formatStreamError(input.clientProtocol, describeEnding(stoppedByShutdown, transportError)));
            }
            controller.close();
            finish(false);
            return;
          }
          if (output) return;
        }
      },
      cancel() {
        finish(true);
        reply.body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

const encoder = new TextEncoder();

/** Why a pass-through stream ended short, in the words of the error ending the gateway writes for it. */
function describeEnding(stoppedByShutdown: boolean, transportError: UpstreamTransportError | null): ProtocolError {
  if (stoppedByShutdown) return { status: 503, message: 'The gateway is shutting down; the answer was cut short' };
  if (transportError) return { status: 502, message: `upstream stream failed: ${transportError.message}` };
  return { status: 502, message: 'upstream stream ended before the message was complete' };
}

function formatStreamError(protocol: ClientProtocol, error: ProtocolError): Uint8Array {
  const frame = protocol === 'anthropic' ? formatAnthropicEvent(buildAnthropicError(error).body) : formatOpenAIError(buildOpenAIError(error).body);
  return encoder.encode(frame);
}
