import { SseParser, startsLikeEventStream } from '../../protocol/sse';
import type { ProtocolError } from '../../protocol/errors';
import type { StreamStartClassifier } from '../../protocol/stream-start';
import { toTransportError, type UpstreamReply, type UpstreamTransportError } from '../upstream/upstream-client';

// The peek at an upstream stream's opening events before anything reaches the client: a stream that opens with
// an error can still fail over, as if the upstream had answered with an error status.

/** Bytes the peek may hold before it commits anyway (opening frames are far smaller). */
const PEEK_LIMIT_BYTES = 64 * 1024;

type UpstreamIterator = AsyncIterator<Uint8Array>;

export type PeekResult =
  | { kind: 'commit'; buffered: Uint8Array[]; iterator: UpstreamIterator }
  | { kind: 'stream-error'; error: ProtocolError }
  /** The 200 carries something else (an HTML page, JSON, binary): nothing valid can reach the client. */
  | { kind: 'not-event-stream' }
  | { kind: 'transport-error'; error: UpstreamTransportError };

export async function peekStream(reply: UpstreamReply, classify: StreamStartClassifier): Promise<PeekResult> {
  const iterator = reply.body[Symbol.asyncIterator]() as UpstreamIterator;
  const parser = new SseParser();
  const buffered: Uint8Array[] = [];
  let size = 0;
  let head = '';
  let looksLikeSse: boolean | undefined;
  try {
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) return looksLikeSse ? { kind: 'commit', buffered, iterator } : { kind: 'not-event-stream' };
      buffered.push(value);
      size += value.byteLength;
      if (looksLikeSse === undefined) {
        head += Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, 64)).toString('latin1');
        looksLikeSse = startsLikeEventStream(head);
        if (looksLikeSse === false) {
          reply.body.destroy();
          return { kind: 'not-event-stream' };
        }
      }
      for (const event of parser.push(value)) {
        const start = classify(event);
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

