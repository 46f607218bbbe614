// The stub's vocabulary: one protocol-neutral description of a model answer, the scripted replies built on it,
// how bytes are delivered on the wire, and what the stub records about each request it receives.
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Text given as an array is streamed exactly as those chunks; a string is split at word boundaries.
 * Tool arguments given as an object are serialised, then split into a few fragments.
 */
export type Chunks = string | string[];

export type TextPart = { type: 'text'; text: Chunks };
export type ThinkingPart = { type: 'thinking'; thinking: Chunks; signature?: string };
export type ToolCallPart = {
  type: 'tool_call';
  name: string;
  arguments: Chunks | Record<string, unknown>;
  /** Defaults to a protocol-shaped id: `call_…` for OpenAI, `toolu_…` for Anthropic. */
  id?: string;
};
export type ContentPart = TextPart | ThinkingPart | ToolCallPart;

/** Why the model stopped, in neutral terms; each protocol maps it to its own value. */
export type StopKind = 'end' | 'length' | 'tool_use' | 'stop_sequence' | 'content_filter';

/** Token counts in Anthropic's sense: `input` excludes cache reads and cache writes. */
export type UsageCounts = {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Reported as OpenAI `completion_tokens_details.reasoning_tokens`; Anthropic counts thinking in output. */
  reasoning: number;
};

/** How the response bytes go out. Offsets count bytes of the whole response body. */
export type Delivery = {
  /** Wait before anything is written, status line included: trips first-byte timeouts. */
  firstByteDelayMs?: number;
  /** Wait between stream frames (SSE events); not before the first one. */
  chunkDelayMs?: number;
  /** Extra TCP write boundaries inside the body, e.g. in the middle of an SSE event. */
  splitAt?: number[];
  /** Write every byte on its own. */
  byteByByte?: boolean;
  /** Wait at each boundary that splits a frame; defaults to 20 ms for `splitAt`, 0 for `byteByByte`. */
  splitDelayMs?: number;
  /** Destroy the socket once this many body bytes were written. */
  destroyAfterBytes?: number;
  /** Destroy the socket right after the n-th content delta (0: after the opening frames). */
  destroyAfterDeltas?: number;
  /** Stop writing right after the n-th content delta and keep the connection open until the client leaves: a stall. */
  stallAfterDeltas?: number;
};

type ReplyBase = {
  /** Only requests to this path (e.g. `/v1/messages`) take this reply; others leave it queued. */
  path?: string;
  delivery?: Delivery;
};

export type CompletionReply = ReplyBase & {
  kind: 'completion';
  /** Defaults to the stub's echo of the last user message. */
  parts?: ContentPart[];
  /** Defaults to `tool_use` when there are tool calls, else `end`. */
  stop?: StopKind;
  /** Literal OpenAI `finish_reason`, overriding `stop` (any string, or null). */
  finishReason?: string | null;
  /** Literal Anthropic `stop_reason`, overriding `stop` (any string, or null). */
  stopReason?: string | null;
  stopSequence?: string;
  /** Overrides the counts the stub estimates from the request and the answer. */
  usage?: Partial<UsageCounts>;
  /** Defaults to the request's model. */
  model?: string;
  /** Streams only: an error event in place of the rest of the stream. */
  streamError?: StreamErrorSpec;
  /** Streams only: end early, before the finish (no finish_reason, no message_delta) or before the end marker. */
  truncate?: 'before-finish' | 'before-end';
  /** Anthropic `message_delta.usage`: output tokens only (the documented example) or every counter. */
  anthropicDeltaUsage?: 'output' | 'full';
};

export type StreamErrorSpec = {
  /** Number of content deltas sent before the error; 0 puts it right after the opening frames. Default 0. */
  afterDeltas?: number;
  /** Before anything else, even `message_start` or the role chunk. */
  atStart?: boolean;
  /** Anthropic default `overloaded_error`, OpenAI default `server_error`. */
  type?: string;
  message?: string;
};

export type ErrorReply = ReplyBase & {
  kind: 'error';
  status: number;
  /** Defaults to the protocol's type for the status. */
  type?: string;
  message?: string;
  /** OpenAI `code`; defaults by status. */
  code?: string | null;
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
  headers?: Record<string, string>;
};

export type SseFrame = string | { event?: string; data: unknown; id?: string } | { comment: string };

export type SseReply = ReplyBase & {
  kind: 'sse';
  /** Strings go out verbatim; objects are framed (`data` stringified unless it is a string). */
  events: SseFrame[];
  status?: number;
  headers?: Record<string, string>;
};

export type RawReply = ReplyBase & {
  kind: 'raw';
  status?: number;
  headers?: Record<string, string>;
  /** A string goes out as is; anything else as JSON. */
  body: unknown;
};

/** Accepts the request, then destroys the connection without a response. */
export type HangUpReply = ReplyBase & { kind: 'hang-up'; delayMs?: number };

export type ScriptedReply = CompletionReply | ErrorReply | SseReply | RawReply | HangUpReply;

/** `hung-up`: the stub destroyed the connection itself, as scripted. */
export type RequestOutcome = 'pending' | 'finished' | 'aborted' | 'hung-up';

export type RecordedRequest = {
  /** 1-based, in arrival order. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body when it was a JSON object. */
  body: Record<string, unknown> | undefined;
  rawBody: string;
  receivedAt: number;
  /** The HTTP status the stub answered, once it answered. */
  status?: number;
  /** `aborted`: the client's socket closed before the response finished. */
  outcome: RequestOutcome;
  /** Settles with the outcome when the exchange is over. */
  settled: Promise<RequestOutcome>;
};

/** Picks a reply for a request; returning undefined falls through to the default answer. */
export type ReplyHandler = (request: RecordedRequest) => ScriptedReply | undefined | Promise<ScriptedReply | undefined>;
