// OpenAI stream framing: `data: {chunk}` frames ending with `data: [DONE]`.
import { formatSseEvent } from '../sse';
import type { OpenAIChatChunk, OpenAIErrorBody } from './types';

export function formatOpenAIChunk(chunk: OpenAIChatChunk): string {
  return formatSseEvent({ data: JSON.stringify(chunk) });
}

export function formatOpenAIError(body: OpenAIErrorBody): string {
  return formatSseEvent({ data: JSON.stringify(body) });
}

export const OPENAI_DONE_FRAME = formatSseEvent({ data: '[DONE]' });
