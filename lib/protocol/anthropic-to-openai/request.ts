// Anthropic Messages request → OpenAI Chat Completions request (docs/CONVERSION.md §3).
import type { AnthropicMessagesRequest } from '../anthropic/types';
import type { AnthropicClientContext } from '../context';
import type { OpenAIChatRequest } from '../openai/types';
import { convertMessages, convertSystem } from './messages';
import { convertToolChoice, convertTools, isCustomTool } from './tools';

export type AnthropicToOpenAIOptions = {
  /** The provider's model name; defaults to the request's model. */
  upstreamModel?: string;
};

export type AnthropicToOpenAIRequest = {
  request: OpenAIChatRequest;
  context: AnthropicClientContext;
  /** Things the gateway should log: dropped features, truncated stop sequences… */
  warnings: string[];
};

const MAX_OPENAI_STOP_SEQUENCES = 4;
const ANTHROPIC_ONLY_FIELDS = ['container', 'mcp_servers', 'context_management', 'service_tier'] as const;

export function convertAnthropicRequestToOpenAI(
  request: AnthropicMessagesRequest,
  options: AnthropicToOpenAIOptions = {},
): AnthropicToOpenAIRequest {
  const warnings: string[] = [];
  const dropFeature = (feature: string) => warnings.push(`dropped unsupported ${feature}`);
  for (const field of ANTHROPIC_ONLY_FIELDS) if (request[field] !== undefined && request[field] !== null) dropFeature(field);

  const customTools = (request.tools ?? []).filter(isCustomTool);
  for (const tool of request.tools ?? []) if (!isCustomTool(tool)) dropFeature(`hosted tool ${tool.type}`);
  const { tools, toolNames } = convertTools(customTools);
  const { toolChoice, parallelToolCalls } = convertToolChoice(request.tool_choice);

  if (request.top_k !== undefined) warnings.push('dropped top_k: OpenAI has no equivalent');
  if (request.thinking && request.thinking.type !== 'disabled') warnings.push('thinking dropped: the upstream model is not known to reason');
  const schema = (request.output_config?.format ?? request.output_format)?.schema;

  const body: OpenAIChatRequest = {
    model: options.upstreamModel ?? request.model,
    messages: [...convertSystem(request.system), ...convertMessages(request.messages)],
    max_completion_tokens: request.max_tokens,
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.top_p !== undefined && { top_p: request.top_p }),
    ...readStop(request.stop_sequences, warnings),
    // The final message_delta needs usage, so it is always requested.
    ...(request.stream && { stream: true, stream_options: { include_usage: true } }),
    ...(tools.length > 0 && { tools }),
    ...(tools.length > 0 && toolChoice && { tool_choice: toolChoice }),
    ...(tools.length > 0 && parallelToolCalls === false && { parallel_tool_calls: false }),
    ...(request.metadata?.user_id && { user: request.metadata.user_id }),
    ...(schema && { response_format: { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } } }),
  };
  return { request: body, context: { model: request.model, toolNames }, warnings };
}

/** OpenAI accepts at most 4 stop sequences: the first 4 are kept. */
function readStop(stopSequences: string[] | undefined, warnings: string[]): { stop?: string[] } {
  if (!stopSequences?.length) return {};
  if (stopSequences.length <= MAX_OPENAI_STOP_SEQUENCES) return { stop: stopSequences };
  warnings.push(`stop_sequences truncated to the first ${MAX_OPENAI_STOP_SEQUENCES}`);
  return { stop: stopSequences.slice(0, MAX_OPENAI_STOP_SEQUENCES) };
}
