// Turns a scripted (or default) completion reply and the request it answers into the resolved answer both
// protocol renderers draw from: content split into stream chunks, a stop kind, and usage counts.
import type { ErrorFields } from './errors';
import type { Frame } from './frames';
import type { CompletionReply, ContentPart, Chunks, StopKind, UsageCounts } from './types';

export type ResolvedPart =
  | { type: 'text'; chunks: string[] }
  | { type: 'thinking'; chunks: string[]; signature: string }
  | { type: 'tool_call'; id: string | undefined; name: string; chunks: string[] };

export type Completion = {
  /** The stub's answer counter; ids are derived from it so runs are reproducible. */
  seq: number;
  model: string;
  created: number;
  parts: ResolvedPart[];
  stop: StopKind;
  usage: UsageCounts;
  reply: CompletionReply;
};

export type CompletionDefaults = {
  /** The default answer streams in exactly this many text chunks. */
  streamChunks?: number;
  /** Fixed text for the default answer instead of the echo. */
  text?: string;
  usage?: Partial<UsageCounts>;
};

export function resolveCompletion(
  reply: CompletionReply,
  body: Record<string, unknown>,
  seq: number,
  defaults: CompletionDefaults = {},
): Completion {
  const parts = (reply.parts ?? defaultParts(body, defaults)).map(resolvePart);
  const hasToolCalls = parts.some((part) => part.type === 'tool_call');
  const outputText = parts.map((part) => part.chunks.join('')).join('');
  const reasoningText = parts.flatMap((part) => (part.type === 'thinking' ? part.chunks : [])).join('');
  const estimated: UsageCounts = {
    input: estimateInputTokens(body),
    output: estimateTokens(outputText),
    cacheRead: 0,
    cacheWrite: 0,
    reasoning: reasoningText ? estimateTokens(reasoningText) : 0,
  };
  return {
    seq,
    model: reply.model ?? (typeof body.model === 'string' ? body.model : 'stub-model'),
    created: Math.floor(Date.now() / 1000),
    parts,
    stop: reply.stop ?? (hasToolCalls ? 'tool_use' : 'end'),
    usage: { ...estimated, ...definedOnly(defaults.usage), ...definedOnly(reply.usage) },
    reply,
  };
}

/** A rough count (four characters a token) that is deterministic and never zero. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The prompt's size, the same way for a completion's usage and for count_tokens. */
export function estimateInputTokens(body: Record<string, unknown>): number {
  return estimateTokens(JSON.stringify([body.system ?? null, body.messages ?? body.input ?? null, body.tools ?? null]));
}

/** The text of the last user turn, in either protocol's message shape. */
export function lastUserText(body: Record<string, unknown>): string {
  // Chat Completions and Messages send `messages`; the Responses API sends `input`, a string or a message list.
  if (typeof body.input === 'string') return body.input;
  const list = body.messages ?? body.input;
  const messages = Array.isArray(list) ? list : [];
  const lastUser = messages.findLast((message) => isRecord(message) && message.role === 'user');
  if (!isRecord(lastUser)) return '';
  if (typeof lastUser.content === 'string') return lastUser.content;
  if (!Array.isArray(lastUser.content)) return '';
  return lastUser.content
    .map((block) => (isRecord(block) && typeof block.text === 'string' && /^(input_)?text$/.test(String(block.type)) ? block.text : ''))
    .join(' ');
}

/** Drops undefined counts, so `{ cacheRead: undefined }` keeps the estimate instead of erasing it. */
function definedOnly(usage: Partial<UsageCounts> = {}): Partial<UsageCounts> {
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defaultParts(body: Record<string, unknown>, defaults: CompletionDefaults): ContentPart[] {
  const said = lastUserText(body).trim().slice(0, 200);
  const text = defaults.text ?? (said ? `Echo: ${said}` : 'Hello from the upstream stub.');
  if (!defaults.streamChunks) return [{ type: 'text', text }];
  return [{ type: 'text', text: fixedChunks(text, defaults.streamChunks) }];
}

/** Exactly `count` word chunks: the text's words, padded with numbered filler words when it has fewer. */
function fixedChunks(text: string, count: number): string[] {
  const words = splitWords(text).map((word) => word.trimEnd());
  for (let i = words.length; i < count; i++) words.push(`word${i + 1}`);
  return words.slice(0, count).map((word, i) => (i === count - 1 ? word : `${word} `));
}

function resolvePart(part: ContentPart): ResolvedPart {
  if (part.type === 'text') return { type: 'text', chunks: toChunks(part.text, splitWords) };
  if (part.type === 'thinking') {
    const chunks = toChunks(part.thinking, splitWords);
    const signature = part.signature ?? Buffer.from(`stub-signature:${chunks.join('')}`).toString('base64');
    return { type: 'thinking', chunks, signature };
  }
  const args = isRecord(part.arguments) ? JSON.stringify(part.arguments) : part.arguments;
  return { type: 'tool_call', id: part.id, name: part.name, chunks: toChunks(args, splitFragments) };
}

function toChunks(value: Chunks, split: (text: string) => string[]): string[] {
  return Array.isArray(value) ? value : split(value);
}

/** "Hello big world" → ["Hello ", "big ", "world"]: each chunk keeps the whitespace that follows it. */
function splitWords(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)/).filter((chunk) => chunk !== '');
}

/** Three near-equal fragments, the way providers stream tool arguments: cut anywhere, not at JSON tokens. */
function splitFragments(text: string): string[] {
  if (text.length < 3) return text ? [text] : [];
  const size = Math.ceil(text.length / 3);
  return [text.slice(0, size), text.slice(size, 2 * size), text.slice(2 * size)];
}

/** What each protocol module provides, so the server handles both the same way. */
export type ProtocolFormat = {
  /** The non-streaming response body. */
  message(completion: Completion): unknown;
  /** The SSE frames, with the reply's stream script (error, truncation) applied. */
  stream(completion: Completion, body: Record<string, unknown>): Frame[];
  errorBody(fields: ErrorFields, requestId: string): unknown;
  /** The response header that carries the request id. */
  requestIdHeader: string;
};
