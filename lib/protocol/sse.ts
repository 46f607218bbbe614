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
  /** The unfinished last line, in the pieces it arrived in: joined once, when its line break comes. */
  private partialLine: string[] = [];
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
    this.partialLine = [];
    const pending = this.takeEvent();
    return pending ? [...events, pending] : events;
  }

  /** Nothing of an unfinished event is held: what was pushed so far ended on an event boundary. */
  atEventBoundary(): boolean {
    return this.partialLine.length === 0 && !this.skipLeadingNewline && this.dataLines.length === 0 && this.eventName === undefined;
  }

  /**
   * Scans only the new text, so a line that arrives in many chunks costs its length once, not once per chunk.
   * Line ends are found with indexOf, which the engine runs natively: this loop runs per line, not per character
   * (a pass-through stream is scanned whole on the side). CR is rare, so its position is looked up again only
   * after the scan has passed the last one found.
   */
  private consume(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    if (this.skipLeadingNewline && text.length > 0) {
      if (text.charCodeAt(0) === LF) start = 1;
      this.skipLeadingNewline = false;
    }
    let nextCr = text.indexOf('\r', start);
    while (start < text.length) {
      const nextLf = text.indexOf('\n', start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
      const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextLf, nextCr);
      if (end === -1) break;
      const line = this.completeLine(text.slice(start, end));
      start = end + 1;
      if (end === nextCr) {
        if (start === text.length) this.skipLeadingNewline = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    if (start < text.length) this.partialLine.push(start === 0 ? text : text.slice(start));
    return events;
  }

  private completeLine(tail: string): string {
    if (this.partialLine.length === 0) return tail;
    this.partialLine.push(tail);
    const line = this.partialLine.join('');
    this.partialLine = [];
    return line;
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

const SSE_LINE_START = /^(?:data|event|id|retry)(?::|\r|\n)|^:/;
/** Enough of a first line to tell its field name. */
const FIELD_NAME_CHARS = 6;

/**
 * Whether a stream's first bytes look like server-sent events: the first line (after blank lines) names an SSE field
 * or is a comment. `undefined` while too little has arrived to tell.
 */
export function startsLikeEventStream(head: string): boolean | undefined {
  const text = head.replace(/^\uFEFF/, '').replace(/^[\r\n]+/, '');
  if (SSE_LINE_START.test(text)) return true;
  if (text.length < FIELD_NAME_CHARS && !/[\r\n]/.test(text)) return undefined;
  return false;
}
