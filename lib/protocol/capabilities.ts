// What the model behind a route can take: the converters shape each request for the model that will answer
// (docs/CONVERSION.md §10). A route's profile comes from the model catalogue, the provider's defaults and the
// admin's overrides (lib/catalogue); converters only read it.

/** How the model is told to reason, if at all. */
export type ReasoningControl =
  /** No reasoning control: thinking and reasoning_effort are dropped (with a note). */
  | 'none'
  /** OpenAI `reasoning_effort` (o-series, GPT-5 class, compatible reasoning servers). */
  | 'effort'
  /** Anthropic `thinking: {type: "enabled", budget_tokens}`. */
  | 'budget'
  /** Anthropic `thinking: {type: "adaptive"}` with `output_config.effort` (Opus/Sonnet 4.6 and later). */
  | 'adaptive';

export type ModelCapabilities = {
  /** Input + output tokens the model takes at most; null when unknown. */
  contextWindow: number | null;
  /** The model's output limit; `max_tokens` is clamped to it. Null when unknown. */
  maxOutputTokens: number | null;
  reasoning: ReasoningControl;
  /** `reasoning_effort` values the model accepts (`effort` models); others map to the nearest accepted one. */
  reasoningEfforts: ('none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max')[];
  /** temperature and top_p are accepted; reasoning models of OpenAI reject them ("Unsupported parameter"). */
  samplingParameters: boolean;
  /**
   * Structured output: `strict` (OpenAI strict json_schema: every key required, additionalProperties false),
   * `native` (the schema is sent as is and honoured, e.g. Anthropic `output_config.format`), or `none` (emulated).
   */
  structuredOutputs: 'strict' | 'native' | 'none';
  /** Longest tool description the provider accepts (OpenAI: 1,024); null for no limit. */
  toolDescriptionMaxChars: number | null;
  /** Longest tool name the provider accepts (OpenAI: 64). */
  toolNameMaxChars: number;
  /** Media the model reads. */
  imageInput: boolean;
  pdfInput: boolean;
  /** Which OpenAI APIs the provider serves this model on (OpenAI-type routes). */
  openaiApis: 'chat' | 'responses' | 'both';
  /** The provider knows `max_tokens` but not `max_completion_tokens` (older compatible servers). */
  legacyMaxTokens: boolean;
  /** Earlier assistant turns' reasoning goes back as `reasoning_content` (DeepSeek-style tool loops require it). */
  reasoningReplay: boolean;
};

export type CapabilityField = keyof ModelCapabilities;

/** What is assumed of a model nobody described: the behaviour that is safe on any server of its protocol. */
export const UNKNOWN_MODEL_CAPABILITIES: Record<'openai' | 'anthropic', ModelCapabilities> = {
  openai: {
    contextWindow: null,
    maxOutputTokens: null,
    reasoning: 'none',
    reasoningEfforts: [],
    samplingParameters: true,
    // Sent as a json_schema with strict: false: honoured where supported, refused nowhere.
    structuredOutputs: 'native',
    toolDescriptionMaxChars: null,
    toolNameMaxChars: 64,
    imageInput: true,
    pdfInput: true,
    openaiApis: 'chat',
    legacyMaxTokens: false,
    reasoningReplay: false,
  },
  anthropic: {
    contextWindow: null,
    maxOutputTokens: null,
    reasoning: 'budget',
    reasoningEfforts: [],
    samplingParameters: true,
    // Emulated with a forced tool, which every Claude model takes.
    structuredOutputs: 'none',
    toolDescriptionMaxChars: null,
    toolNameMaxChars: 64,
    imageInput: true,
    pdfInput: true,
    openaiApis: 'chat',
    legacyMaxTokens: false,
    reasoningReplay: false,
  },
};
