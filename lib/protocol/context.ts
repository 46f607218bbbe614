// What a request conversion hands to the matching response or stream conversion of the same exchange.

/** An OpenAI client talking to an Anthropic upstream. */
export type OpenAIClientContext = {
  /** The model name the client asked for (the gateway alias), echoed in responses. */
  model: string;
  /** The client set stream_options.include_usage, so it gets the usage-only chunk at the end. */
  includeUsage: boolean;
  /** Set when response_format was emulated with a synthetic tool whose input must become the text content. */
  jsonToolName?: string;
  /**
   * The Chat stream feeds the Responses converter, which carries Anthropic thinking signatures across turns in its
   * reasoning items: signed thinking then also goes out as a `thinking_blocks` delta when its block ends.
   */
  streamThinkingBlocks?: boolean;
};

/** An Anthropic client talking to an OpenAI upstream. */
export type AnthropicClientContext = {
  model: string;
  /** Tool names shortened for the provider's name limit, mapped back to the client's names. */
  toolNames: Record<string, string>;
  /**
   * The client's own response schema, when a strict-compliant form of it was sent: the answer's nulls for optional
   * properties are removed again (lib/protocol/strict-schema.ts).
   */
  structuredOutputSchema?: Record<string, unknown>;
  /** input_tokens for message_start, before the upstream reports usage (which OpenAI does only at the end). */
  inputTokensEstimate?: number;
};
