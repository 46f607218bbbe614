// Puts a response on the socket the way a test asked: delayed, split across TCP writes, byte by byte, or cut off.
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { indexAfterDeltas, type Frame } from './frames';
import type { Delivery } from './types';

export type Outgoing = {
  status: number;
  headers: Record<string, string>;
  /** A stream is sent chunked, frame by frame; anything else with a content-length. */
  streaming: boolean;
  frames: Frame[];
  delivery?: Delivery;
};

export type Connection = {
  res: ServerResponse;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Destroys the socket on the stub's own initiative, so it is not recorded as a client abort. */
  hangUp: () => void;
  /** Called once the status line is on its way. */
  onHeaders: (status: number) => void;
};

const defaultSplitDelayMs = 20;

export async function deliver(connection: Connection, outgoing: Outgoing): Promise<void> {
  const { res, signal } = connection;
  const delivery = outgoing.delivery ?? {};
  if (!(await pause(delivery.firstByteDelayMs ?? 0, signal))) return;

  const pieces = outgoing.frames.map((frame) => Buffer.from(frame.text));
  const body = Buffer.concat(pieces);
  const headers = outgoing.streaming
    ? { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...outgoing.headers }
    : { 'content-type': 'application/json', 'content-length': String(body.length), ...outgoing.headers };
  res.writeHead(outgoing.status, headers);
  // The status line goes out now: a stream's first frame may be scheduled later.
  res.flushHeaders();
  connection.onHeaders(outgoing.status);

  const frameEnds = cumulative(pieces.map((piece) => piece.length));
  const destroyAt = destroyOffset(delivery, outgoing.frames, frameEnds);
  const stallAt = delivery.stallAfterDeltas === undefined ? undefined : offsetAfterDeltas(outgoing.frames, frameEnds, delivery.stallAfterDeltas);
  const cuts = cutPoints(body.length, frameEnds, delivery, destroyAt);
  const splitDelayMs = delivery.splitDelayMs ?? (delivery.splitAt?.length ? defaultSplitDelayMs : 0);
  const frameEndSet = new Set(frameEnds);
  if (destroyAt === 0) {
    await nextTurn();
    connection.hangUp();
    return;
  }

  let start = 0;
  for (const cut of cuts) {
    if (signal.aborted || res.destroyed) return;
    const flushed = res.write(body.subarray(start, cut));
    start = cut;
    if (cut === destroyAt) {
      // Let the bytes leave before the connection drops, as when a provider's process dies mid-answer.
      await nextTurn();
      connection.hangUp();
      return;
    }
    if (cut === stallAt) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return;
    }
    if (cut === body.length) break;
    const delayMs = frameEndSet.has(cut) ? (delivery.chunkDelayMs ?? 0) : splitDelayMs;
    if (delayMs > 0) {
      if (!(await pause(delayMs, signal))) return;
    } else if (!frameEndSet.has(cut)) {
      await nextTurn();
    } else if (!flushed) {
      await drained(res, signal);
    }
  }
  if (!signal.aborted && !res.destroyed) res.end();
}

/** Resolves false when the client went away during the pause. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms > 0) {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      return false;
    }
  }
  return !signal.aborted;
}

function cutPoints(length: number, frameEnds: number[], delivery: Delivery, destroyAt: number | undefined): number[] {
  const cuts = new Set(frameEnds);
  for (const offset of delivery.splitAt ?? []) cuts.add(offset);
  if (delivery.byteByByte) for (let i = 1; i <= length; i++) cuts.add(i);
  if (destroyAt !== undefined) cuts.add(destroyAt);
  cuts.add(length);
  return [...cuts].filter((cut) => cut > 0 && cut <= length).sort((a, b) => a - b);
}

function destroyOffset(delivery: Delivery, frames: Frame[], frameEnds: number[]): number | undefined {
  if (delivery.destroyAfterBytes !== undefined) return delivery.destroyAfterBytes;
  if (delivery.destroyAfterDeltas === undefined) return undefined;
  return offsetAfterDeltas(frames, frameEnds, delivery.destroyAfterDeltas);
}

/** The body offset right after the n-th content delta's frame (0: after the opening frames). */
function offsetAfterDeltas(frames: Frame[], frameEnds: number[], deltas: number): number {
  const frameCount = indexAfterDeltas(frames, deltas);
  return frameCount === 0 ? 0 : frameEnds[frameCount - 1];
}

function cumulative(lengths: number[]): number[] {
  let total = 0;
  return lengths.map((length) => (total += length));
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    signal.addEventListener('abort', done);
  });
}
