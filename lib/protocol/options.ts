// The policy choices CONVERSION.md leaves open, with its defaults. The gateway passes them in; nothing here
// reads the environment or keeps global state.

export type EffortBuckets = { low: number; medium: number; high: number };

export type ConversionPolicy = {
  /** max_tokens sent to Anthropic when an OpenAI client gives neither max_tokens nor max_completion_tokens. */
  defaultMaxTokens: number;
  /** reasoning_effort → thinking.budget_tokens for models without adaptive thinking. */
  thinkingBudgets: EffortBuckets;
  /** thinking.budget_tokens → reasoning_effort: the smallest budget that reaches each bucket. */
  reasoningEffortThresholds: EffortBuckets;
  /** Prefix for tool results with is_error:true, which OpenAI cannot flag. */
  toolErrorMarker: string;
  /** Anthropic rejects thinking together with forced tool use: drop thinking, or downgrade tool_choice to auto. */
  forcedToolWithThinking: 'drop-thinking' | 'downgrade-tool-choice';
  /** OpenAI accepts at most 4 stop sequences: keep the first 4 (and warn), or reject with 400. */
  excessStopSequences: 'truncate' | 'reject';
  /** Anthropic-only features (hosted tools, container, mcp_servers…) toward OpenAI: drop (and warn), or 400. */
  unsupportedFeatures: 'drop' | 'reject';
  /** Send assistant thinking back as reasoning_content (DeepSeek tool loops require it). */
  echoReasoningContent: boolean;
  /** Name of the synthetic tool that emulates response_format on Anthropic. */
  jsonToolName: string;
};

export const DEFAULT_CONVERSION_POLICY: ConversionPolicy = {
  defaultMaxTokens: 4096,
  thinkingBudgets: { low: 1024, medium: 2048, high: 4096 },
  reasoningEffortThresholds: { low: 1024, medium: 2048, high: 4096 },
  toolErrorMarker: '[tool error] ',
  forcedToolWithThinking: 'drop-thinking',
  excessStopSequences: 'truncate',
  unsupportedFeatures: 'drop',
  echoReasoningContent: false,
  jsonToolName: 'json_tool_call',
};

export function resolveConversionPolicy(overrides: Partial<ConversionPolicy> = {}): ConversionPolicy {
  return { ...DEFAULT_CONVERSION_POLICY, ...overrides };
}

/** What the Anthropic model behind a route supports; unknown capabilities count as absent. */
export type AnthropicTarget = {
  /** The model's output limit; max_tokens is clamped to it. */
  maxOutputTokens?: number;
  /** Opus/Sonnet 4.6+: thinking {type:"adaptive"} + output_config.effort instead of budget_tokens. */
  adaptiveThinking?: boolean;
  /** Native output_config.format; otherwise response_format is emulated with a synthetic tool. */
  structuredOutputs?: boolean;
};

/** What the OpenAI(-compatible) model behind a route supports. */
export type OpenAITarget = {
  /** o-series / GPT-5 style: takes reasoning_effort, rejects temperature and top_p. */
  reasoningModel?: boolean;
  /** Older compatible backends that know max_tokens but not max_completion_tokens. */
  legacyMaxTokens?: boolean;
};
