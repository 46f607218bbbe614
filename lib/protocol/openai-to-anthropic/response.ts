// OpenAI chat.completion → Anthropic Messages response (docs/CONVERSION.md §4.2).
import type { AnthropicMessage, AnthropicResponseBlock, AnthropicStopReason } from '../anthropic/types';
import { buildAnthropicUsage } from '../anthropic/usage';
import type { AnthropicClientContext } from '../context';
import { UpstreamResponseError } from '../errors';
import { generateId } from '../ids';
import { parseToolArguments } from '../json';
import type { OpenAIChatCompletion, OpenAIResponseMessage, OpenAIToolCall } from '../openai/types';
import { readOpenAIUsage } from '../openai/usage';
import { ZERO_USAGE } from '../usage';
import { mapFinishReasonToStopReason } from './stop-reason';
import { restoreClientShape } from './structured-output';

/** Only choice 0 is used. Throws UpstreamResponseError when the upstream reports an error finish. */
export function convertOpenAIResponseToAnthropic(
  completion: OpenAIChatCompletion,
  context: AnthropicClientContext,
  warnings: string[] = [],
): AnthropicMessage {
  const choice = completion.choices?.[0];
  if (!choice) throw new UpstreamResponseError('upstream response has no choices');
  const toolUses = (choice.message.tool_calls ?? []).map((call) => convertToolCall(call, context, warnings));
  const content: AnthropicResponseBlock[] = [...readThinking(choice.message), ...readText(choice.message, context), ...toolUses];
  return {
    id: completion.id?.startsWith('msg_') ? completion.id : `msg_${completion.id ?? generateId('')}`,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: readStopReason(choice.finish_reason, toolUses.length > 0, warnings),
    stop_sequence: null,
    usage: buildAnthropicUsage(completion.usage ? readOpenAIUsage(completion.usage) : ZERO_USAGE),
  };
}

function readStopReason(finishReason: string | null, calledTools: boolean, warnings: string[]): AnthropicStopReason {
  if (finishReason === null) {
    warnings.push('upstream gave no finish_reason; reported from the content');
    return calledTools ? 'tool_use' : 'end_turn';
  }
  const stopReason = mapFinishReasonToStopReason(finishReason, calledTools);
  if (!stopReason) throw new UpstreamResponseError(`upstream finished with finish_reason "${finishReason}"`);
  return stopReason;
}

/** Signed blocks when the upstream carried them, else reasoning text as unsigned thinking. */
function readThinking(message: OpenAIResponseMessage): AnthropicResponseBlock[] {
  if (message.thinking_blocks?.length) {
    return message.thinking_blocks.map((block) =>
      block.type === 'thinking' ? { type: 'thinking', thinking: block.thinking, signature: block.signature ?? '' } : block,
    );
  }
  const reasoning = message.reasoning_content ?? message.reasoning;
  return reasoning ? [{ type: 'thinking', thinking: reasoning, signature: '' }] : [];
}

function readText(message: OpenAIResponseMessage, context: AnthropicClientContext): AnthropicResponseBlock[] {
  if (message.content) return [{ type: 'text', text: restoreClientShape(message.content, context) }];
  return message.refusal ? [{ type: 'text', text: message.refusal }] : [];
}

function convertToolCall(call: OpenAIToolCall, context: AnthropicClientContext, warnings: string[]): AnthropicResponseBlock {
  const { input, problem } = parseToolArguments(call.function.arguments ?? '', () => ({}));
  if (problem) warnings.push(`tool call ${call.id}: ${problem}`);
  return {
    type: 'tool_use',
    id: call.id || generateId('toolu_'),
    name: context.toolNames[call.function.name] ?? call.function.name,
    input,
  };
}
