// The one conversion setting the gateway passes in (from AXONGATE_DEFAULT_MAX_TOKENS); every other choice is a
// fixed rule, described in docs/CONVERSION.md. Nothing here reads the environment or keeps global state.

/** max_tokens sent to Anthropic when an OpenAI client gives neither max_tokens nor max_completion_tokens. */
export const DEFAULT_MAX_TOKENS = 4096;
