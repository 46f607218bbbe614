// A same-protocol (pass-through) answer that is not a stream: relayed as the provider's bytes, checked to be a JSON
// object first (an HTML error page or garbage behind a 200 must fail over, not reach the client as an answer), and
// read for its usage. Small bodies are parsed whole; a large one is checked by its ends and read for usage from a
// bounded tail (every provider writes `usage` after the content), so a 50 MB answer is held once, as bytes.
import { readAnthropicUsage } from './anthropic/usage';
import { isRecord, parseJsonSafely } from './json';
import type { OpenAIUsage } from './openai/types';
import { readOpenAIUsage } from './openai/usage';
import { readResponsesUsage } from './responses/usage';
import type { NormalizedUsage } from './usage';

/** Which usage shape the body carries. */
export type BodyUsageShape = 'openai' | 'anthropic' | 'responses' | 'none';

export type PassthroughBody = { ok: true; usage: NormalizedUsage | null } | { ok: false; problem: string };

const PARSE_WHOLE_BYTES = 1024 * 1024;
const USAGE_TAIL_BYTES = 64 * 1024;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

export function inspectPassthroughBody(bytes: Uint8Array, shape: BodyUsageShape): PassthroughBody {
  if (bytes.byteLength <= PARSE_WHOLE_BYTES) {
    const payload = parseJsonSafely(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    if (!isRecord(payload)) return { ok: false, problem: 'response is not a JSON object' };
    return { ok: true, usage: readUsage(shape, payload.usage) };
  }
  if (firstNonSpace(bytes) !== OPEN_BRACE || lastNonSpace(bytes) !== CLOSE_BRACE) return { ok: false, problem: 'response is not a JSON object' };
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + bytes.byteLength - USAGE_TAIL_BYTES, USAGE_TAIL_BYTES).toString('utf8');
  return { ok: true, usage: readUsage(shape, findUsageObject(tail)) };
}

function readUsage(shape: BodyUsageShape, usage: unknown): NormalizedUsage | null {
  if (shape === 'none' || !isRecord(usage)) return null;
  if (shape === 'responses') return readResponsesUsage(usage);
  if (shape === 'anthropic') return readAnthropicUsage(usage);
  return readOpenAIUsage(usage as OpenAIUsage);
}

/** The value of the last `"usage": {…}` member in the text, parsed; undefined when there is none that parses. */
function findUsageObject(text: string): unknown {
  const at = text.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  const start = text.indexOf('{', at);
  if (start === -1 || text.slice(at + 7, start).trim() !== ':') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return parseJsonSafely(text.slice(start, i + 1));
  }
  return undefined;
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; i++) if (!isSpace(bytes[i])) return bytes[i];
  return undefined;
}

function lastNonSpace(bytes: Uint8Array): number | undefined {
  for (let i = bytes.length - 1; i >= 0; i--) if (!isSpace(bytes[i])) return bytes[i];
  return undefined;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
