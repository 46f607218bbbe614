import type { Tiktoken } from 'js-tiktoken/lite';
import { isRecord } from './json';

// count_tokens for models behind OpenAI-type providers, which have no counting endpoint, and the input of a stream
// cut short before its upstream reported usage: an estimate with OpenAI's o200k_base tokenizer (js-tiktoken, pure
// JS), loaded on first use so the 2 MB rank table costs nothing to processes that never estimate. Images and
// documents count a fixed heuristic.
//
// The work is bounded and linear in the input, because it runs on the thread that answers every request: the
// tokenizer's byte-pair merge is quadratic in the length of one unbroken word, so text goes to it in pieces of at
// most TOKENIZER_PIECE_CHARS non-space characters, and only the first TOKENIZER_BUDGET_CHARS characters of a request
// are tokenized at all; the rest counts at about four characters per token.

/** Roughly what a ~1.1 megapixel image costs (Anthropic: width × height / 750). */
export const IMAGE_TOKEN_ESTIMATE = 1600;
/** Per-message framing tokens (role and separators), as OpenAI's own counting recipe adds. */
const MESSAGE_OVERHEAD = 3;
const TOOL_OVERHEAD = 8;

/** The usual rule of thumb for English text and code: about four characters per token. */
export function estimateTokensFromChars(chars: number): number {
  return Math.ceil(chars / 4);
}

const TOKENIZER_BUDGET_CHARS = 200_000;
const TOKENIZER_PIECE_CHARS = 64;
/** Unbroken runs of non-space characters too long to hand the tokenizer whole. */
const LONG_RUN = new RegExp(`\\S{${TOKENIZER_PIECE_CHARS + 1},}`, 'g');

/** Counts text with the tokenizer until the request's budget is spent, by length after that. */
function createCounter(encoder: Tiktoken): (text: string) => number {
  let budget = TOKENIZER_BUDGET_CHARS;
  const encodeLength = (text: string) => (text === '' ? 0 : encoder.encode(text).length);
  return (text) => {
    if (text === '') return 0;
    const tokenized = text.length <= budget ? text : text.slice(0, budget);
    budget -= tokenized.length;
    const rest = text.length - tokenized.length;
    let total = 0;
    let from = 0;
    for (const run of tokenized.matchAll(LONG_RUN)) {
      total += encodeLength(tokenized.slice(from, run.index));
      for (let at = 0; at < run[0].length; at += TOKENIZER_PIECE_CHARS) total += encodeLength(run[0].slice(at, at + TOKENIZER_PIECE_CHARS));
      from = run.index + run[0].length;
    }
    return total + encodeLength(tokenized.slice(from)) + estimateTokensFromChars(rest);
  };
}

/** JSON text of a tool schema or call; a value too deeply nested to serialise counts as nothing. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

let encoderPromise: Promise<Tiktoken> | undefined;

function loadEncoder(): Promise<Tiktoken> {
  encoderPromise ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
    return new Tiktoken(ranks);
  })();
  return encoderPromise;
}

/**
 * Estimates the input tokens of a request body: Anthropic Messages (count_tokens), and the OpenAI Chat
 * Completions and Responses bodies whose streams were cut short before the upstream reported usage.
 */
export async function estimateInputTokens(body: Record<string, unknown>): Promise<number> {
  const count = createCounter(await loadEncoder());
  let total = countContent(body.system, count) + countContent(body.instructions, count);
  for (const turn of readTurns(body)) {
    if (!isRecord(turn)) continue;
    total += MESSAGE_OVERHEAD + countContent(turn.content, count);
    // OpenAI assistant turns carry their tool calls beside the content; Responses items carry tool output.
    if (Array.isArray(turn.tool_calls)) total += count(jsonText(turn.tool_calls));
    if (typeof turn.output === 'string') total += count(turn.output);
    if (typeof turn.arguments === 'string') total += count(turn.arguments);
  }
  if (Array.isArray(body.tools)) {
    for (const tool of body.tools) {
      if (!isRecord(tool)) continue;
      // Chat Completions nests the function; Messages and Responses do not.
      const definition = isRecord(tool.function) ? tool.function : tool;
      const schema = definition.input_schema ?? definition.parameters;
      total += TOOL_OVERHEAD + count(String(definition.name ?? '')) + count(String(definition.description ?? ''));
      if (schema !== undefined) total += count(jsonText(schema));
    }
  }
  return total;
}

/** The conversation: `messages` (Messages, Chat Completions) or the Responses API's `input` (text or items). */
function readTurns(body: Record<string, unknown>): unknown[] {
  if (Array.isArray(body.messages)) return body.messages;
  if (typeof body.input === 'string') return [{ content: body.input }];
  return Array.isArray(body.input) ? body.input : [];
}

function countContent(content: unknown, count: (text: string) => number): number {
  if (typeof content === 'string') return count(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const block of content) {
    if (!isRecord(block)) continue;
    switch (block.type) {
      case 'text':
      case 'input_text':
      case 'output_text':
        total += count(String(block.text ?? ''));
        break;
      case 'thinking':
        total += count(String(block.thinking ?? ''));
        break;
      case 'tool_use':
        total += count(String(block.name ?? '')) + count(jsonText(block.input ?? {}));
        break;
      case 'tool_result':
        total += countContent(block.content, count);
        break;
      case 'image':
      case 'document':
      case 'image_url':
      case 'input_image':
      case 'file':
      case 'input_file':
        total += IMAGE_TOKEN_ESTIMATE;
        break;
      default:
        break;
    }
  }
  return total;
}
