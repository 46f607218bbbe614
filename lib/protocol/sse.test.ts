import { describe, expect, it } from 'vitest';
import { formatSseEvent, SseParser, startsLikeEventStream, type SseEvent } from './sse';

const encoder = new TextEncoder();

function parseChunks(chunks: (Uint8Array | string)[]): SseEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

const recordedAnthropicStream =
  'event: message_start\r\ndata: {"type":"message_start","message":{"id":"msg_1"}}\r\n\r\n' +
  ': keep-alive\r\n\r\n' +
  'event: content_block_delta\r\ndata: {"type":"content_block_delta","delta":{"text":"Grüße, 世界 🎉"}}\r\n\r\n' +
  'event: message_stop\r\ndata: {"type":"message_stop"}\r\n\r\n';

describe('SseParser', () => {
  it('reads several events from one chunk, with their event names, skipping comments', () => {
    const events = parseChunks([recordedAnthropicStream]);
    expect(events.map((event) => event.event)).toEqual(['message_start', 'content_block_delta', 'message_stop']);
    expect(JSON.parse(events[1].data)).toEqual({ type: 'content_block_delta', delta: { text: 'Grüße, 世界 🎉' } });
  });

  it('gives identical events whatever byte offset splits the stream into two reads', () => {
    const bytes = encoder.encode(recordedAnthropicStream);
    const whole = parseChunks([bytes]);
    expect(whole).toHaveLength(3);
    for (let offset = 0; offset <= bytes.length; offset++) {
      const split = parseChunks([bytes.slice(0, offset), bytes.slice(offset)]);
      expect(split, `split at byte ${offset}`).toEqual(whole);
    }
  });

  it('handles a stream delivered one byte at a time', () => {
    const bytes = encoder.encode(recordedAnthropicStream);
    const oneByteChunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(parseChunks(oneByteChunks)).toEqual(parseChunks([bytes]));
  });

  it('accepts LF, CRLF and lone CR line endings, including a CR at the end of a read', () => {
    const lf = parseChunks(['data: a\n\ndata: b\n\n']);
    const cr = parseChunks(['data: a\r\rdata: b\r', '\r']);
    const crlfSplit = parseChunks(['data: a\r', '\n\r', '\ndata: b\r\n\r\n']);
    expect(lf).toEqual([{ data: 'a' }, { data: 'b' }]);
    expect(cr).toEqual(lf);
    expect(crlfSplit).toEqual(lf);
  });

  it('joins multi-line data with newlines and strips exactly one leading space', () => {
    expect(parseChunks(['data:first\ndata:  second\ndata\n\n'])).toEqual([{ data: 'first\n second\n' }]);
  });

  it('does not dispatch an event that has no data line', () => {
    expect(parseChunks(['event: ping\n\n', 'id: 7\n\n'])).toEqual([]);
  });

  it('keeps the last event id and ignores unknown fields', () => {
    expect(parseChunks(['id: 42\nretry: 10\nfoo: bar\ndata: x\n\n'])).toEqual([{ data: 'x', id: '42' }]);
  });

  it('delivers a final event missing its blank line but drops a half-received line', () => {
    expect(parseChunks(['data: {"a":1}\n\ndata: [DONE]\n'])).toEqual([{ data: '{"a":1}' }, { data: '[DONE]' }]);
    expect(parseChunks(['data: {"a":1}\n\ndata: {"trunc'])).toEqual([{ data: '{"a":1}' }]);
  });
});

describe('formatSseEvent', () => {
  it('writes the event name, one data line per line, and a blank line', () => {
    expect(formatSseEvent({ event: 'ping', data: '{"type":"ping"}' })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
    expect(formatSseEvent({ data: 'a\nb' })).toBe('data: a\ndata: b\n\n');
  });

  it('round-trips through the parser', () => {
    const events: SseEvent[] = [{ event: 'x', data: 'line 1\nline 2' }, { data: '[DONE]' }];
    expect(parseChunks([events.map(formatSseEvent).join('')])).toEqual(events);
  });
});

describe('startsLikeEventStream', () => {
  it.each([
    ['data: {"a":1}\n\n', true],
    ['event: message_start\n', true],
    [': keep-alive\n\n', true],
    ['\n\ndata: x', true],
    ['\uFEFFdata: x', true],
    ['<html><head>', false],
    ['{"error":"not a stream"}', false],
    ['\u0000\u0001\u0002\u0003\u0004\u0005\u0006', false],
    ['hello world\n', false],
    ['dat', undefined],
    ['', undefined],
  ])('%j → %s', (head, expected) => {
    expect(startsLikeEventStream(head)).toBe(expected);
  });
});

describe('SseParser on one huge event', () => {
  it('assembles a 1 MiB data line pushed in 4 KiB chunks into one event', () => {
    const payload = 'x'.repeat(1024 * 1024);
    const bytes = encoder.encode(`data: ${payload}\n\n`);
    const parser = new SseParser();
    const events: SseEvent[] = [];
    for (let at = 0; at < bytes.length; at += 4096) events.push(...parser.push(bytes.slice(at, at + 4096)));
    expect(events).toHaveLength(1);
    expect(events[0].data.length).toBe(payload.length);
  });
});
