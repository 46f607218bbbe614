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
 * Maps an OpenAI finish_reason to Anthropic's stop_reason. Returns null for anything else (`error`, unknown
 * values): the caller treats that as an upstream error rather than inventing a stop reason.
 */
export function mapFinishReasonToStopReason(finishReason: string | null | undefined): AnthropicStopReason | null {
  return finishReason && Object.hasOwn(STOP_REASONS, finishReason) ? STOP_REASONS[finishReason] : null;
}
