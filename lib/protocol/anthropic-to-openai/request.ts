// Anthropic Messages request → OpenAI Chat Completions request (CONVERSION.md §2).
import type { AnthropicMessagesRequest, AnthropicThinkingConfig } from '../anthropic/types';
import type { AnthropicClientContext } from '../context';
import { ConversionError } from '../errors';
import type { OpenAIChatRequest, OpenAIReasoningEffort } from '../openai/types';
import { resolveConversionPolicy, type ConversionPolicy, type OpenAITarget } from '../options';
import { convertMessages, convertSystem } from './messages';
import { convertToolChoice, convertTools, isCustomTool } from './tools';

export type AnthropicToOpenAIOptions = {
  policy?: Partial<ConversionPolicy>;
  target?: OpenAITarget;
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
  const policy = resolveConversionPolicy(options.policy);
  const target = options.target ?? {};
  const warnings: string[] = [];
  const dropFeature = (feature: string) => {
    if (policy.unsupportedFeatures === 'reject') throw new ConversionError(`${feature} is not supported by this model`, feature);
    warnings.push(`dropped unsupported ${feature}`);
  };
  for (const field of ANTHROPIC_ONLY_FIELDS) if (request[field] !== undefined && request[field] !== null) dropFeature(field);

  const customTools = (request.tools ?? []).filter(isCustomTool);
  for (const tool of request.tools ?? []) if (!isCustomTool(tool)) dropFeature(`hosted tool ${tool.type}`);
  const { tools, toolNames } = convertTools(customTools);
  const { toolChoice, parallelToolCalls } = convertToolChoice(request.tool_choice);

  const sampling = target.reasoningModel ? {} : { temperature: request.temperature, top_p: request.top_p };
  if (target.reasoningModel && (request.temperature !== undefined || request.top_p !== undefined)) {
    warnings.push('temperature and top_p dropped: reasoning models reject them');
  }
  if (request.top_k !== undefined) warnings.push('dropped top_k: OpenAI has no equivalent');
  const reasoningEffort = readReasoningEffort(request, target, policy, warnings);
  const schema = (request.output_config?.format ?? request.output_format)?.schema;

  const body: OpenAIChatRequest = {
    model: options.upstreamModel ?? request.model,
    messages: [...convertSystem(request.system), ...convertMessages(request.messages, policy)],
    ...(target.legacyMaxTokens ? { max_tokens: request.max_tokens } : { max_completion_tokens: request.max_tokens }),
    ...(sampling.temperature !== undefined && { temperature: sampling.temperature }),
    ...(sampling.top_p !== undefined && { top_p: sampling.top_p }),
    ...readStop(request.stop_sequences, policy, warnings),
    // The final message_delta needs usage, so it is always requested.
    ...(request.stream && { stream: true, stream_options: { include_usage: true } }),
    ...(tools.length > 0 && { tools }),
    ...(tools.length > 0 && toolChoice && { tool_choice: toolChoice }),
    ...(tools.length > 0 && parallelToolCalls === false && { parallel_tool_calls: false }),
    ...(request.metadata?.user_id && { user: request.metadata.user_id }),
    ...(reasoningEffort && { reasoning_effort: reasoningEffort }),
    ...(schema && { response_format: { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } } }),
  };
  return { request: body, context: { model: request.model, toolNames }, warnings };
}

function readStop(stopSequences: string[] | undefined, policy: ConversionPolicy, warnings: string[]): { stop?: string[] } {
  if (!stopSequences?.length) return {};
  if (stopSequences.length <= MAX_OPENAI_STOP_SEQUENCES) return { stop: stopSequences };
  if (policy.excessStopSequences === 'reject') {
    throw new ConversionError(`stop_sequences: at most ${MAX_OPENAI_STOP_SEQUENCES} are supported by this model`, 'stop_sequences');
  }
  warnings.push(`stop_sequences truncated to the first ${MAX_OPENAI_STOP_SEQUENCES}`);
  return { stop: stopSequences.slice(0, MAX_OPENAI_STOP_SEQUENCES) };
}

/** thinking → reasoning_effort, sent only to reasoning-capable models. */
function readReasoningEffort(
  request: AnthropicMessagesRequest,
  target: OpenAITarget,
  policy: ConversionPolicy,
  warnings: string[],
): OpenAIReasoningEffort | undefined {
  const effort = mapThinkingToEffort(request.thinking, request.output_config?.effort, policy);
  if (effort && !target.reasoningModel) {
    warnings.push('thinking dropped: the upstream model does not reason');
    return undefined;
  }
  return effort;
}

function mapThinkingToEffort(
  thinking: AnthropicThinkingConfig | undefined,
  outputEffort: string | undefined,
  policy: ConversionPolicy,
): OpenAIReasoningEffort | undefined {
  if (!thinking || thinking.type === 'disabled') return undefined;
  if (thinking.type === 'adaptive') {
    if (outputEffort === 'low' || outputEffort === 'medium' || outputEffort === 'high') return outputEffort;
    return outputEffort === 'max' ? 'high' : 'medium';
  }
  const thresholds = policy.reasoningEffortThresholds;
  if (thinking.budget_tokens >= thresholds.high) return 'high';
  if (thinking.budget_tokens >= thresholds.medium) return 'medium';
  return 'low';
}
