// Reasoning items for a Responses client whose model is Claude. Claude's thinking must go back signed on the next
// turn of a tool loop, and a Responses client keeps state only in the items it resends: the signed thinking
// blocks ride in the reasoning item's `encrypted_content` (which clients treat as opaque and resend when they
// asked for `include: ["reasoning.encrypted_content"]`, as Codex does). The signatures are Anthropic's own, so the
// content is encoded, not encrypted: its thinking text is the item's summary anyway.
import { isRecord, parseJsonSafely } from '../json';
import type { OpenAIThinkingBlock } from '../openai/types';
import type { ResponsesOutputItem } from './types';

const PREFIX = 'axongate.thinking.v1.';

export function encodeThinkingBlocks(blocks: OpenAIThinkingBlock[]): string {
  return PREFIX + Buffer.from(JSON.stringify(blocks)).toString('base64url');
}

/** The thinking blocks of an encrypted_content this gateway wrote; null for anyone else's (OpenAI's own). */
export function decodeThinkingBlocks(encrypted: string | null | undefined): OpenAIThinkingBlock[] | null {
  if (!encrypted?.startsWith(PREFIX)) return null;
  const blocks = parseJsonSafely(Buffer.from(encrypted.slice(PREFIX.length), 'base64url').toString('utf8'));
  if (!Array.isArray(blocks)) return null;
  return blocks.filter(
    (block): block is OpenAIThinkingBlock =>
      isRecord(block) &&
      ((block.type === 'thinking' && typeof block.thinking === 'string' && typeof block.signature === 'string') ||
        (block.type === 'redacted_thinking' && typeof block.data === 'string')),
  );
}

export function reasoningItem(id: string, summary: string, blocks: OpenAIThinkingBlock[], includeEncrypted: boolean): ResponsesOutputItem {
  return {
    type: 'reasoning',
    id,
    summary: summary ? [{ type: 'summary_text', text: summary }] : [],
    ...(includeEncrypted && blocks.length > 0 && { encrypted_content: encodeThinkingBlocks(blocks) }),
  };
}
