import type { OpenAIFinishReason } from '../openai/types';

const FINISH_REASONS: Record<string, OpenAIFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  // The server-tool loop hit its limit; the turn is usable as is.
  pause_turn: 'stop',
  refusal: 'content_filter',
  model_context_window_exceeded: 'length',
};

export function isKnownStopReason(stopReason: string | null | undefined): boolean {
  return !!stopReason && Object.hasOwn(FINISH_REASONS, stopReason);
}

/** Maps an Anthropic stop_reason to OpenAI's finish_reason; null and unknown values become `stop`. */
export function mapStopReasonToFinishReason(stopReason: string | null | undefined): OpenAIFinishReason {
  return stopReason && Object.hasOwn(FINISH_REASONS, stopReason) ? FINISH_REASONS[stopReason] : 'stop';
}
