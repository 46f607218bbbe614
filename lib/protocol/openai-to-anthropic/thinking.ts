// reasoning_effort → Anthropic extended thinking, and the rules thinking imposes on the rest of the request.
import type { AnthropicEffort, AnthropicMessageParam, AnthropicThinkingConfig, AnthropicToolChoice } from '../anthropic/types';
import type { ModelCapabilities } from '../capabilities';
import { ConversionError } from '../errors';
import type { OpenAIReasoningEffort } from '../openai/types';

/** reasoning_effort → thinking.budget_tokens (Anthropic's minimum budget is 1024). */
const THINKING_BUDGETS = { low: 1024, medium: 2048, high: 4096, xhigh: 8192, max: 16384 } as const;
/** reasoning_effort → output_config.effort for models with adaptive thinking. */
const ADAPTIVE_EFFORTS = { low: 'low', medium: 'medium', high: 'high', xhigh: 'max', max: 'max' } as const satisfies Record<string, AnthropicEffort>;
const MIN_THINKING_BUDGET = 1024;

export type ThinkingPlan = { thinking: AnthropicThinkingConfig; effort?: AnthropicEffort; maxTokens: number };

/**
 * Plans thinking for a reasoning_effort, for the model that answers. `none`/`minimal` mean no thinking. Adaptive
 * models get `{type:"adaptive"}` and an effort; the others a budget from the table, added to max_tokens so the
 * client's max_tokens stays available for the answer (within the model's output limit).
 */
export function planThinking(
  effort: OpenAIReasoningEffort | null | undefined,
  maxTokens: number,
  target: ModelCapabilities,
  warnings: string[],
): ThinkingPlan | undefined {
  if (effort === null || effort === undefined || effort === 'none' || effort === 'minimal') return undefined;
  if (!Object.hasOwn(THINKING_BUDGETS, effort)) {
    throw new ConversionError(`reasoning_effort: unsupported value "${String(effort)}"`, 'reasoning_effort');
  }
  const level = effort as keyof typeof THINKING_BUDGETS;
  if (target.reasoning === 'none') {
    warnings.push('reasoning_effort dropped: the model does not think');
    return undefined;
  }
  if (target.reasoning === 'adaptive') return { thinking: { type: 'adaptive' }, effort: ADAPTIVE_EFFORTS[level], maxTokens };
  const limit = target.maxOutputTokens ?? Infinity;
  const plannedMaxTokens = Math.min(maxTokens + THINKING_BUDGETS[level], limit);
  const budget = Math.min(THINKING_BUDGETS[level], plannedMaxTokens - 1);
  if (budget < MIN_THINKING_BUDGET) {
    warnings.push("reasoning_effort dropped: the model's output limit leaves no room for a thinking budget");
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
