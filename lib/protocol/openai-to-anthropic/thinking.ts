// reasoning_effort → Anthropic extended thinking, and the rules thinking imposes on the rest of the request.
import type {
  AnthropicEffort,
  AnthropicMessageParam,
  AnthropicThinkingConfig,
  AnthropicToolChoice,
} from '../anthropic/types';
import { ConversionError } from '../errors';
import type { OpenAIReasoningEffort } from '../openai/types';
import type { AnthropicTarget, ConversionPolicy } from '../options';

const MIN_THINKING_BUDGET = 1024;

export type ThinkingPlan = { thinking: AnthropicThinkingConfig; effort?: AnthropicEffort; maxTokens: number };

/**
 * Plans thinking for a reasoning_effort. `none`/`minimal` mean no thinking. Adaptive models get
 * `{type:"adaptive"}` plus an effort; older models get a budget from the policy table, kept within
 * 1024 ≤ budget < max_tokens by raising max_tokens (the client's max_tokens stays available for the answer).
 */
export function planThinking(
  effort: OpenAIReasoningEffort | null | undefined,
  maxTokens: number,
  target: AnthropicTarget,
  policy: ConversionPolicy,
  warnings: string[],
): ThinkingPlan | undefined {
  if (effort === null || effort === undefined || effort === 'none' || effort === 'minimal') return undefined;
  if (effort !== 'low' && effort !== 'medium' && effort !== 'high') {
    throw new ConversionError(`reasoning_effort: unsupported value "${String(effort)}"`, 'reasoning_effort');
  }
  if (target.adaptiveThinking) return { thinking: { type: 'adaptive' }, effort, maxTokens };

  let budget = Math.max(policy.thinkingBudgets[effort], MIN_THINKING_BUDGET);
  let plannedMaxTokens = budget >= maxTokens ? budget + maxTokens : maxTokens;
  if (target.maxOutputTokens) plannedMaxTokens = Math.min(plannedMaxTokens, target.maxOutputTokens);
  if (budget >= plannedMaxTokens) budget = plannedMaxTokens - 1;
  if (budget < MIN_THINKING_BUDGET) {
    warnings.push('reasoning_effort ignored: the model output limit leaves no room for a thinking budget');
    return undefined;
  }
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: plannedMaxTokens };
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
