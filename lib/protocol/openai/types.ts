// OpenAI Chat Completions shapes: only the fields the gateway reads or writes.
// Fields marked "extension" are not in OpenAI's API but are common among compatible backends and gateways.

import type { JsonSchema } from '../json';

export type OpenAICacheControl = { type: 'ephemeral'; ttl?: '5m' | '1h' };

export type OpenAITextPart = { type: 'text'; text: string; cache_control?: OpenAICacheControl };
export type OpenAIImagePart = {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
};
export type OpenAIAudioPart = { type: 'input_audio'; input_audio: { data: string; format: string } };
export type OpenAIFilePart = {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
};
export type OpenAIRefusalPart = { type: 'refusal'; refusal: string };

export type OpenAIUserContentPart = OpenAITextPart | OpenAIImagePart | OpenAIAudioPart | OpenAIFilePart;

export type OpenAIToolCall = {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
};

/** Extension: Anthropic thinking blocks carried through an OpenAI client so signatures survive a tool loop. */
export type OpenAIThinkingBlock =
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data: string };

export type OpenAISystemMessage = {
  role: 'system' | 'developer';
  content: string | OpenAITextPart[];
  name?: string;
};
export type OpenAIUserMessage = { role: 'user'; content: string | OpenAIUserContentPart[]; name?: string };
export type OpenAIAssistantMessage = {
  role: 'assistant';
  content?: string | (OpenAITextPart | OpenAIRefusalPart)[] | null;
  tool_calls?: OpenAIToolCall[];
  function_call?: { name: string; arguments: string } | null;
  refusal?: string | null;
  name?: string;
  reasoning_content?: string | null;
  thinking_blocks?: OpenAIThinkingBlock[];
};
export type OpenAIToolMessage = { role: 'tool'; tool_call_id: string; content: string | OpenAITextPart[] };
/** Legacy function-calling result message. */
export type OpenAIFunctionMessage = { role: 'function'; name: string; content: string | null };

export type OpenAIMessage =
  | OpenAISystemMessage
  | OpenAIUserMessage
  | OpenAIAssistantMessage
  | OpenAIToolMessage
  | OpenAIFunctionMessage;

export type OpenAIFunctionTool = {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean | null };
};

export type OpenAIToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; function: { name: string } };

export type OpenAIResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: JsonSchema; strict?: boolean | null; description?: string } };

export type OpenAIReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export type OpenAIChatRequest = {
  model: string;
  messages: OpenAIMessage[];
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  tools?: OpenAIFunctionTool[];
  tool_choice?: OpenAIToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: OpenAIResponseFormat;
  reasoning_effort?: OpenAIReasoningEffort | null;
  user?: string;
  safety_identifier?: string;
  audio?: unknown;
  // Accepted but not forwarded to Anthropic.
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  seed?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  store?: boolean | null;
  metadata?: Record<string, string> | null;
  prediction?: unknown;
  modalities?: string[] | null;
  service_tier?: string | null;
};

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export type OpenAIUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  /** Extension: Anthropic's raw cache counts, which billing needs because cache writes cost more. */
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
};

export type OpenAIResponseMessage = {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: OpenAIToolCall[];
  /** Extension used by DeepSeek, vLLM and others for reasoning text; `reasoning` is the OpenRouter spelling. */
  reasoning_content?: string | null;
  reasoning?: string | null;
  thinking_blocks?: OpenAIThinkingBlock[];
};

export type OpenAIChoice = {
  index: number;
  message: OpenAIResponseMessage;
  /** One of OpenAIFinishReason when we write it; upstreams also send other values (e.g. "error"). */
  finish_reason: string | null;
  logprobs: null;
};

export type OpenAIChatCompletion = {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: OpenAIChoice[];
  usage?: OpenAIUsage | null;
};

export type OpenAIToolCallDelta = {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
};

export type OpenAIDelta = {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: OpenAIToolCallDelta[];
  /** Extension: a finished signed thinking block, for converters that carry it on (see OpenAIClientContext). */
  thinking_blocks?: OpenAIThinkingBlock[];
};

export type OpenAIChunkChoice = {
  index: number;
  delta: OpenAIDelta;
  /** One of OpenAIFinishReason when we write it; upstreams also send other values (e.g. "error"). */
  finish_reason: string | null;
  logprobs?: null;
};

export type OpenAIChatChunk = {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: OpenAIChunkChoice[];
  usage?: OpenAIUsage | null;
};

export type OpenAIError = { message: string; type: string; param: string | null; code: string | null };
export type OpenAIErrorBody = { error: OpenAIError };

/** An error as upstreams actually send it inside a stream: every field may be missing, `code` may be a number. */
export type OpenAIUpstreamError = {
  message?: string;
  type?: string;
  code?: string | number | null;
  param?: string | null;
};
