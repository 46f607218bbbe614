// Anthropic Messages response → OpenAI chat.completion (docs/CONVERSION.md §4.1).
import { readAnthropicUsage } from '../anthropic/usage';
import type { AnthropicMessage, AnthropicToolUseBlock } from '../anthropic/types';
import type { OpenAIClientContext } from '../context';
import { buildOpenAIUsage } from '../openai/usage';
import type { OpenAIChatCompletion, OpenAIResponseMessage, OpenAIThinkingBlock, OpenAIToolCall } from '../openai/types';
import { isKnownStopReason, mapStopReasonToFinishReason } from './finish-reason';

export function convertAnthropicResponseToOpenAI(
  message: AnthropicMessage,
  context: OpenAIClientContext,
  warnings: string[] = [],
  now: number = Date.now(),
): OpenAIChatCompletion {
  // Every text block, in order: citations split one answer across several blocks.
  let text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  let toolUses = message.content.filter((block): block is AnthropicToolUseBlock => block.type === 'tool_use');
  let finishReason = mapStopReasonToFinishReason(message.stop_reason);
  if (!isKnownStopReason(message.stop_reason)) warnings.push(`unknown stop_reason ${String(message.stop_reason)} mapped to stop`);

  const jsonAnswer = context.jsonToolName && toolUses.length === 1 && toolUses[0].name === context.jsonToolName;
  if (jsonAnswer) {
    text = JSON.stringify(toolUses[0].input);
    toolUses = [];
    finishReason = 'stop';
  }

  const responseMessage: OpenAIResponseMessage = {
    role: 'assistant',
    content: text === '' && toolUses.length > 0 ? null : text,
  };
  if (toolUses.length > 0) responseMessage.tool_calls = toolUses.map(convertToolUse);
  const thinkingBlocks = readThinkingBlocks(message);
  if (thinkingBlocks.length > 0) {
    responseMessage.reasoning_content = thinkingBlocks.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : [])).join('');
    responseMessage.thinking_blocks = thinkingBlocks;
  }

  return {
    id: message.id,
    object: 'chat.completion',
    created: Math.floor(now / 1000),
    model: context.model,
    choices: [{ index: 0, message: responseMessage, finish_reason: finishReason, logprobs: null }],
    usage: buildOpenAIUsage(readAnthropicUsage(message.usage)),
  };
}

export function convertToolUse(block: AnthropicToolUseBlock): OpenAIToolCall {
  return { id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } };
}

/** Thinking with its signature, so an OpenAI client that echoes it back keeps Anthropic tool loops valid. */
function readThinkingBlocks(message: AnthropicMessage): OpenAIThinkingBlock[] {
  return message.content.flatMap((block): OpenAIThinkingBlock[] => {
    if (block.type === 'thinking') return [{ type: 'thinking', thinking: block.thinking, signature: block.signature }];
    if (block.type === 'redacted_thinking') return [{ type: 'redacted_thinking', data: block.data }];
    return [];
  });
}
