// Anthropic Messages shapes: only the fields the gateway reads or writes.

import type { JsonSchema } from '../json';

export type AnthropicCacheControl = { type: 'ephemeral'; ttl?: '5m' | '1h' };

export type AnthropicImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export type AnthropicTextBlock = {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
  citations?: unknown[] | null;
};

export type AnthropicImageBlock = {
  type: 'image';
  source:
    | { type: 'base64'; media_type: AnthropicImageMediaType; data: string }
    | { type: 'url'; url: string };
  cache_control?: AnthropicCacheControl;
};

export type AnthropicDocumentBlock = {
  type: 'document';
  source:
    | { type: 'base64'; media_type: 'application/pdf'; data: string }
    | { type: 'text'; media_type: 'text/plain'; data: string }
    | { type: 'url'; url: string };
  title?: string | null;
  cache_control?: AnthropicCacheControl;
};

export type AnthropicToolUseBlock = {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
};

export type AnthropicToolResultBlock = {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | (AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock)[];
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
};

export type AnthropicThinkingBlock = { type: 'thinking'; thinking: string; signature: string };
export type AnthropicRedactedThinkingBlock = { type: 'redacted_thinking'; data: string };

/** Blocks of Anthropic-hosted tools (web search, code execution…): never client tool calls. */
export type AnthropicServerToolUseBlock = { type: 'server_tool_use'; id: string; name: string; input: unknown };
export type AnthropicServerToolResultBlock = { type: `${string}_tool_result`; tool_use_id: string; content: unknown };

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicServerToolUseBlock
  | AnthropicServerToolResultBlock;

export type AnthropicMessageParam = {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
};

export type AnthropicCustomTool = {
  type?: 'custom';
  name: string;
  description?: string;
  input_schema: JsonSchema;
  cache_control?: AnthropicCacheControl;
};

/** Anthropic-hosted tools such as `web_search_20250305` or `bash_20250124`: they have no input_schema. */
export type AnthropicHostedTool = { type: string; name: string; [field: string]: unknown };

export type AnthropicTool = AnthropicCustomTool | AnthropicHostedTool;

export type AnthropicToolChoice =
  | { type: 'auto' | 'any' | 'none'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

export type AnthropicThinkingConfig =
  | { type: 'enabled'; budget_tokens: number }
  | { type: 'disabled' }
  | { type: 'adaptive' };

export type AnthropicEffort = 'low' | 'medium' | 'high' | 'max';

export type AnthropicOutputFormat = { type: 'json_schema'; schema: JsonSchema };

export type AnthropicOutputConfig = { effort?: AnthropicEffort; format?: AnthropicOutputFormat };

export type AnthropicMessagesRequest = {
  model: string;
  messages: AnthropicMessageParam[];
  max_tokens: number;
  system?: string | AnthropicTextBlock[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  stream?: boolean;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  metadata?: { user_id?: string | null };
  thinking?: AnthropicThinkingConfig;
  output_config?: AnthropicOutputConfig;
  /** Older beta spelling of output_config.format. */
  output_format?: AnthropicOutputFormat;
  // Anthropic-only features with no OpenAI equivalent.
  container?: unknown;
  mcp_servers?: unknown;
  context_management?: unknown;
  service_tier?: unknown;
  /** The message-threads beta: continue a conversation the server stored. */
  thread?: unknown;
};

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export type AnthropicUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
};

/** Blocks that can appear in a response (never tool_result, image or document). */
export type AnthropicResponseBlock =
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicServerToolUseBlock
  | AnthropicServerToolResultBlock;

export type AnthropicMessage = {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  /** One of AnthropicStopReason when we write it; read as a string because Anthropic may add values. */
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
};

export type AnthropicContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: unknown };

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/** `details.error_code` names the cause for SDKs that branch on it (e.g. `thread_unsupported_request`). */
export type AnthropicError = { type: AnthropicErrorType; message: string; details?: Record<string, unknown> };
export type AnthropicErrorBody = { type: 'error'; error: AnthropicError; request_id?: string };

export type AnthropicStreamEvent =
  | { type: 'message_start'; message: AnthropicMessage }
  | { type: 'content_block_start'; index: number; content_block: AnthropicResponseBlock }
  | { type: 'content_block_delta'; index: number; delta: AnthropicContentDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: string | null; stop_sequence: string | null };
      usage: Partial<AnthropicUsage>;
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | { type: 'error'; error: { type: string; message: string } };
