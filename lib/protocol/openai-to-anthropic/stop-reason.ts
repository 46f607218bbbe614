import type { AnthropicStopReason } from '../anthropic/types';

const STOP_REASONS: Record<string, AnthropicStopReason> = {
  // The stop sequence that fired cannot be recovered from OpenAI, so `stop` is always end_turn.
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/**
 * Maps an OpenAI finish_reason to Anthropic's stop_reason. Some vLLM and Ollama builds say `stop` after
 * calling tools, so a turn that called tools ends with tool_use. Returns null for anything else (`error`,
 * unknown values): the caller treats that as an upstream error rather than inventing a stop reason.
 */
export function mapFinishReasonToStopReason(
  finishReason: string | null | undefined,
  calledTools = false,
): AnthropicStopReason | null {
  if (!finishReason || !Object.hasOwn(STOP_REASONS, finishReason)) return null;
  const stopReason = STOP_REASONS[finishReason];
  return stopReason === 'end_turn' && calledTools ? 'tool_use' : stopReason;
}
