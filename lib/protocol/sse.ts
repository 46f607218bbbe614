// Server-sent events: an incremental parser that turns network chunks into whole events, and the writer.
// Parsing follows the WHATWG event-stream rules, so events are found per event, never per network read.

export type SseEvent = {
  /** The `event:` field; undefined when the event had none (OpenAI streams never set it). */
  event?: string;
  data: string;
  id?: string;
};

const LF = 0x0a;
const CR = 0x0d;
const LINE_BREAK = /[\r\n]/;

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  // A chunk that ends in '\r' may be the first half of a CRLF split across two reads.
  private skipLeadingNewline = false;
  private eventName: string | undefined;
  private dataLines: string[] = [];
  private lastEventId: string | undefined;

  /** Feeds one network chunk; returns every event it completed, in order. */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.consume(text);
  }

  /**
   * Ends the stream. An event whose last line was complete but lacked the closing blank line is still
   * delivered (some upstreams end on `data: [DONE]\n`); a half-received line is dropped.
   */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode());
    this.buffer = '';
    const pending = this.takeEvent();
    return pending ? [...events, pending] : events;
  }

  /** Nothing of an unfinished event is held: what was pushed so far ended on an event boundary. */
  atEventBoundary(): boolean {
    return this.buffer === '' && !this.skipLeadingNewline && this.dataLines.length === 0 && this.eventName === undefined;
  }

  private consume(text: string): SseEvent[] {
    let input = text;
    if (this.skipLeadingNewline && input.length > 0) {
      if (input.charCodeAt(0) === LF) input = input.slice(1);
      this.skipLeadingNewline = false;
    }
    const buffer = this.buffer + input;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (code !== LF && code !== CR) continue;
      const line = buffer.slice(start, i);
      if (code === CR) {
        if (i + 1 === buffer.length) this.skipLeadingNewline = true;
        else if (buffer.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    this.buffer = start === buffer.length ? '' : buffer.slice(start);
    return events;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === '') return this.takeEvent();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    return undefined;
  }

  private takeEvent(): SseEvent | undefined {
    const hasData = this.dataLines.length > 0;
    const event: SseEvent = { data: this.dataLines.join('\n') };
    if (this.eventName) event.event = this.eventName;
    if (this.lastEventId !== undefined) event.id = this.lastEventId;
    this.eventName = undefined;
    this.dataLines = [];
    // Per the standard, an event without any data line is not dispatched.
    return hasData ? event : undefined;
  }
}

/** Writes one event as SSE text: `event:` when named, one `data:` line per line of data, a blank line. */
export function formatSseEvent(event: { event?: string; data: string }): string {
  const head = event.event ? `event: ${event.event}\n` : '';
  // Serialized JSON never holds a raw line break: most events are one data line.
  if (!LINE_BREAK.test(event.data)) return `${head}data: ${event.data}\n\n`;
  const body = event.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return `${head}${body}\n`;
}

/** Writes a comment frame, e.g. a keep-alive that every SSE client ignores. */
export function formatSseComment(text: string): string {
  return `: ${text}\n\n`;
}
