import type { Tiktoken } from 'js-tiktoken/lite';
import { isRecord } from '../protocol/json';

// count_tokens for models behind OpenAI-type providers, which have no counting endpoint: an estimate with
// OpenAI's o200k_base tokenizer (js-tiktoken, pure JS), loaded on first use so the 2 MB rank table costs
// nothing to processes that never estimate. Images and documents count a fixed heuristic.

/** Roughly what a ~1.1 megapixel image costs (Anthropic: width × height / 750). */
export const IMAGE_TOKEN_ESTIMATE = 1600;
/** Per-message framing tokens (role and separators), as OpenAI's own counting recipe adds. */
const MESSAGE_OVERHEAD = 3;
const TOOL_OVERHEAD = 8;

let encoderPromise: Promise<Tiktoken> | undefined;

function loadEncoder(): Promise<Tiktoken> {
  encoderPromise ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
    return new Tiktoken(ranks);
  })();
  return encoderPromise;
}

/** Estimates the input tokens of an Anthropic Messages body (system, messages, tools). */
export async function estimateInputTokens(body: Record<string, unknown>): Promise<number> {
  const encoder = await loadEncoder();
  const count = (text: string) => (text === '' ? 0 : encoder.encode(text).length);
  let total = countContent(body.system, count);
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      if (isRecord(message)) total += MESSAGE_OVERHEAD + countContent(message.content, count);
    }
  }
  if (Array.isArray(body.tools)) {
    for (const tool of body.tools) {
      if (!isRecord(tool)) continue;
      total += TOOL_OVERHEAD + count(String(tool.name ?? '')) + count(String(tool.description ?? ''));
      if (tool.input_schema !== undefined) total += count(JSON.stringify(tool.input_schema));
    }
  }
  return total;
}

function countContent(content: unknown, count: (text: string) => number): number {
  if (typeof content === 'string') return count(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const block of content) {
    if (!isRecord(block)) continue;
    switch (block.type) {
      case 'text':
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
        total += IMAGE_TOKEN_ESTIMATE;
        break;
      default:
        break;
    }
  }
  return total;
}
