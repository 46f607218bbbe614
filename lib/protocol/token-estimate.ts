import type { Tiktoken } from 'js-tiktoken/lite';
import { isRecord } from './json';

// count_tokens for models behind OpenAI-type providers, which have no counting endpoint, and the input of a stream
// cut short before its upstream reported usage: an estimate with OpenAI's o200k_base tokenizer (js-tiktoken, pure JS), loaded on first use so the 2 MB rank table costs
// nothing to processes that never estimate. Images and documents count a fixed heuristic.

/** Roughly what a ~1.1 megapixel image costs (Anthropic: width × height / 750). */
export const IMAGE_TOKEN_ESTIMATE = 1600;
/** Per-message framing tokens (role and separators), as OpenAI's own counting recipe adds. */
const MESSAGE_OVERHEAD = 3;
const TOOL_OVERHEAD = 8;

/** The usual rule of thumb for English text and code: about four characters per token. */
export function estimateTokensFromChars(chars: number): number {
  return Math.ceil(chars / 4);
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
  const encoder = await loadEncoder();
  const count = (text: string) => (text === '' ? 0 : encoder.encode(text).length);
  let total = countContent(body.system, count) + countContent(body.instructions, count);
  for (const turn of readTurns(body)) {
    if (!isRecord(turn)) continue;
    total += MESSAGE_OVERHEAD + countContent(turn.content, count);
    // OpenAI assistant turns carry their tool calls beside the content; Responses items carry tool output.
    if (Array.isArray(turn.tool_calls)) total += count(JSON.stringify(turn.tool_calls));
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
      if (schema !== undefined) total += count(JSON.stringify(schema));
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
        total += count(String(block.name ?? '')) + count(JSON.stringify(block.input ?? {}));
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
