// The OpenAI Responses API as the converters read and write it: the part of the wire format a converted route
// carries (docs/CONVERSION.md §11). Fields left out here are either passed through untouched (same-protocol routes)
// or named in a conversion note.
import type { JsonSchema } from '../json';

export type ResponsesInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'output_text'; text: string }
  | { type: 'refusal'; refusal: string }
  | { type: 'input_image'; image_url?: string; file_id?: string; detail?: 'auto' | 'low' | 'high' }
  | { type: 'input_file'; file_data?: string; file_id?: string; filename?: string; file_url?: string };

export type ResponsesMessageItem = {
  type?: 'message';
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | ResponsesInputContent[];
};

export type ResponsesFunctionCallItem = { type: 'function_call'; call_id: string; name: string; arguments: string; id?: string };
export type ResponsesCustomToolCallItem = { type: 'custom_tool_call'; call_id: string; name: string; input: string; id?: string };
export type ResponsesToolOutputItem = {
  type: 'function_call_output' | 'custom_tool_call_output';
  call_id: string;
  output: string | ResponsesInputContent[];
};
export type ResponsesReasoningItem = { type: 'reasoning'; summary?: { type: 'summary_text'; text: string }[]; encrypted_content?: string | null };

/** Tools declared in the conversation rather than in `tools` (Codex's newer models). */
export type ResponsesAdditionalToolsItem = { type: 'additional_tools'; tools: ResponsesTool[] };

export type ResponsesInputItem =
  | ResponsesAdditionalToolsItem
  | ResponsesMessageItem
  | ResponsesFunctionCallItem
  | ResponsesCustomToolCallItem
  | ResponsesToolOutputItem
  | ResponsesReasoningItem;

export type ResponsesFunctionTool = { type: 'function'; name: string; description?: string | null; parameters?: JsonSchema | null; strict?: boolean | null };
/** Free-form tools (Codex's apply_patch): the model writes raw text, optionally in a grammar. */
export type ResponsesCustomTool = {
  type: 'custom';
  name: string;
  description?: string;
  format?: { type: 'text' } | { type: 'grammar'; syntax: string; definition: string };
};
/** A group of tools under one name (Codex's multi_agent_v1). */
export type ResponsesNamespaceTool = { type: 'namespace'; name: string; description?: string; tools: ResponsesTool[] };
/** Hosted tools (web_search, file_search, code_interpreter…), which run at OpenAI. */
export type ResponsesHostedTool = { type: string; name?: string };
export type ResponsesTool = ResponsesFunctionTool | ResponsesCustomTool | ResponsesNamespaceTool | ResponsesHostedTool;

export type ResponsesToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function' | 'custom'; name: string }
  | { type: string };

export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonSchema; strict?: boolean | null; description?: string };

export type ResponsesRequest = {
  model: string;
  input?: string | ResponsesInputItem[];
  instructions?: string | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: ResponsesTextFormat; verbosity?: string } | null;
  stream?: boolean | null;
  store?: boolean | null;
  include?: string[] | null;
  previous_response_id?: string | null;
  metadata?: Record<string, string> | null;
  user?: string;
  safety_identifier?: string;
  prompt_cache_key?: string;
  service_tier?: string | null;
  truncation?: string | null;
};

export type ResponsesOutputText = { type: 'output_text'; text: string; annotations: unknown[] };
export type ResponsesRefusal = { type: 'refusal'; refusal: string };

export type ResponsesOutputItem =
  | { type: 'message'; id: string; status: 'in_progress' | 'completed'; role: 'assistant'; content: (ResponsesOutputText | ResponsesRefusal)[] }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: 'in_progress' | 'completed' }
  | { type: 'custom_tool_call'; id: string; call_id: string; name: string; input: string; status?: 'in_progress' | 'completed' }
  | { type: 'reasoning'; id: string; summary: { type: 'summary_text'; text: string }[]; encrypted_content?: string };

export type ResponsesUsage = {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
};

export type ResponsesStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export type ResponsesResponse = {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponsesStatus;
  model: string;
  output: ResponsesOutputItem[];
  usage: ResponsesUsage | null;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  tools: ResponsesTool[];
  tool_choice: ResponsesToolChoice;
  parallel_tool_calls: boolean;
  temperature: number | null;
  top_p: number | null;
  max_output_tokens: number | null;
  previous_response_id: null;
  metadata: Record<string, string>;
  text: { format: ResponsesTextFormat };
};
