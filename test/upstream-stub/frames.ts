// Stream frames with a protocol-neutral role each, so a scripted error, truncation or disconnect lands at the same
// logical place ("after the second content delta") whichever protocol renders the stream.
import type { CompletionReply, SseFrame } from './types';

/**
 * head: opening frames (message_start, the role chunk, ping); start: a content block or tool call opens;
 * delta: one piece of content; stop: a block closes; finish: stop reason and usage; end: the end marker.
 */
export type FrameKind = 'head' | 'start' | 'delta' | 'stop' | 'finish' | 'end';
export type Frame = { kind: FrameKind; text: string };

/** One SSE event; `event` is omitted for OpenAI, whose frames carry only `data:`. */
export function sseEvent(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

export function customFrame(frame: SseFrame): string {
  if (typeof frame === 'string') return frame;
  if ('comment' in frame) return `: ${frame.comment}\n\n`;
  const id = frame.id === undefined ? '' : `id: ${frame.id}\n`;
  return id + sseEvent(frame.data, frame.event);
}

/** The frame index just after the n-th delta; n = 0 is right after the opening frames. */
export function indexAfterDeltas(frames: Frame[], count: number): number {
  if (count <= 0) return firstIndex(frames, (frame) => frame.kind !== 'head');
  let seen = 0;
  for (let i = 0; i < frames.length; i++) {
    if (frames[i].kind === 'delta' && ++seen === count) return i + 1;
  }
  return firstIndex(frames, (frame) => frame.kind === 'finish' || frame.kind === 'end');
}

/** Applies the reply's stream script: an error event in place of the rest, or an early end. */
export function scriptStream(frames: Frame[], reply: CompletionReply, errorFrame: string): Frame[] {
  let shaped = frames;
  if (reply.truncate === 'before-finish') {
    shaped = shaped.slice(0, firstIndex(shaped, (frame) => frame.kind === 'finish' || frame.kind === 'end'));
  } else if (reply.truncate === 'before-end') {
    shaped = shaped.filter((frame) => frame.kind !== 'end');
  }
  const error = reply.streamError;
  if (!error) return shaped;
  const at = error.atStart ? 0 : indexAfterDeltas(shaped, error.afterDeltas ?? 0);
  return [...shaped.slice(0, at), { kind: 'end', text: errorFrame }];
}

function firstIndex(frames: Frame[], match: (frame: Frame) => boolean): number {
  const index = frames.findIndex(match);
  return index === -1 ? frames.length : index;
}
