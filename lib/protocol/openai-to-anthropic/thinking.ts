// reasoning_effort → Anthropic extended thinking, and the rules thinking imposes on the rest of the request.
import type { AnthropicMessageParam, AnthropicThinkingConfig, AnthropicToolChoice } from '../anthropic/types';
import { ConversionError } from '../errors';
import type { OpenAIReasoningEffort } from '../openai/types';

/** reasoning_effort → thinking.budget_tokens (Anthropic's minimum budget is 1024). */
const THINKING_BUDGETS = { low: 1024, medium: 2048, high: 4096 } as const;

export type ThinkingPlan = { thinking: AnthropicThinkingConfig; maxTokens: number };

/**
 * Plans thinking for a reasoning_effort. `none`/`minimal` mean no thinking; the others get a budget from the
 * table, and max_tokens is raised by the budget when it would not leave room for it (the client's max_tokens
 * stays available for the answer).
 */
export function planThinking(effort: OpenAIReasoningEffort | null | undefined, maxTokens: number): ThinkingPlan | undefined {
  if (effort === null || effort === undefined || effort === 'none' || effort === 'minimal') return undefined;
  if (effort !== 'low' && effort !== 'medium' && effort !== 'high') {
    throw new ConversionError(`reasoning_effort: unsupported value "${String(effort)}"`, 'reasoning_effort');
  }
  const budget = THINKING_BUDGETS[effort];
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: budget >= maxTokens ? budget + maxTokens : maxTokens };
}

export function isForcedToolChoice(choice: AnthropicToolChoice | undefined): boolean {
  return choice?.type === 'any' || choice?.type === 'tool';
}

/**
 * With thinking on, Anthropic requires the assistant turn that made the pending tool calls to start with its
 * signed thinking block. OpenAI clients usually discard it; then thinking must be dropped for this request.
 */
export function hasThinkingForPendingToolTurn(messages: AnthropicMessageParam[]): boolean {
  const lastAssistant = messages.findLast((message) => message.role === 'assistant');
  if (!lastAssistant || typeof lastAssistant.content === 'string') return true;
  const callsTools = lastAssistant.content.some((block) => block.type === 'tool_use');
  const firstType = lastAssistant.content[0]?.type;
  return !callsTools || firstType === 'thinking' || firstType === 'redacted_thinking';
}

/** Thinking blocks from history are only sent while thinking is on. */
export function stripThinkingBlocks(messages: AnthropicMessageParam[]): AnthropicMessageParam[] {
  return messages.map((message) =>
    typeof message.content === 'string'
      ? message
      : {
          ...message,
          content: message.content.filter((block) => block.type !== 'thinking' && block.type !== 'redacted_thinking'),
        },
  );
}
