// Anthropic Messages request → OpenAI Chat Completions request (docs/CONVERSION.md §3), shaped for the model that
// will answer (its capability profile, §10).
import type { AnthropicMessagesRequest, AnthropicTextBlock } from '../anthropic/types';
import { UNKNOWN_MODEL_CAPABILITIES, type ModelCapabilities } from '../capabilities';
import type { AnthropicClientContext } from '../context';
import { ConversionError } from '../errors';
import type { OpenAIChatRequest } from '../openai/types';
import { toStrictSchema } from '../strict-schema';
import { convertMessages, convertSystem } from './messages';
import { mapThinkingToEffort } from './reasoning';
import { convertToolChoice, convertTools, isCustomTool, type ToolDescriptionOverflow } from './tools';

export type AnthropicToOpenAIOptions = {
  /** The provider's model name; defaults to the request's model. */
  upstreamModel?: string;
  /** What the answering model takes; a model nobody described by default. */
  target?: ModelCapabilities;
  /** Tool descriptions over the target's limit: the rest moves into the system prompt, or is cut. */
  toolDescriptionOverflow?: ToolDescriptionOverflow;
  /** Drop Claude Code's per-session billing line from the system prompt (it defeats the provider's prefix cache). */
  stripBillingHeader?: boolean;
};

export type AnthropicToOpenAIRequest = {
  request: OpenAIChatRequest;
  context: AnthropicClientContext;
  /** Things the gateway should log: dropped features, truncated stop sequences… */
  warnings: string[];
};

const MAX_OPENAI_STOP_SEQUENCES = 4;
const ANTHROPIC_ONLY_FIELDS = ['container', 'mcp_servers', 'context_management', 'service_tier'] as const;
/** Claude Code's first system line, different in every session: `x-anthropic-billing-header: cc_version=…; …`. */
const BILLING_HEADER_LINE = /^x-anthropic-billing-header:[^\n]*(\n|$)/;

export function convertAnthropicRequestToOpenAI(
  request: AnthropicMessagesRequest,
  options: AnthropicToOpenAIOptions = {},
): AnthropicToOpenAIRequest {
  const target = options.target ?? UNKNOWN_MODEL_CAPABILITIES.openai;
  const warnings: string[] = [];
  const dropFeature = (feature: string) => warnings.push(`dropped unsupported ${feature}`);
  for (const field of ANTHROPIC_ONLY_FIELDS) if (request[field] !== undefined && request[field] !== null) dropFeature(field);
  rejectThread(request);

  const customTools = (request.tools ?? []).filter(isCustomTool);
  for (const tool of request.tools ?? []) if (!isCustomTool(tool)) dropFeature(`hosted tool ${tool.type}`);
  const { tools, toolNames, systemAddendum } = convertTools(customTools, target, options.toolDescriptionOverflow ?? 'move-to-system', warnings);
  const { toolChoice, parallelToolCalls } = convertToolChoice(request.tool_choice, target.toolNameMaxChars);

  if (request.top_k !== undefined) warnings.push('dropped top_k: OpenAI has no equivalent');
  const reasoningEffort = mapThinkingToEffort(request, target, warnings);
  const sampling = readSampling(request, target, warnings);
  const responseFormat = readResponseFormat(request, target, warnings);
  const system = options.stripBillingHeader === false ? request.system : stripBillingHeader(request.system, warnings);
  const maxTokens = target.maxOutputTokens ? Math.min(request.max_tokens, target.maxOutputTokens) : request.max_tokens;
  if (maxTokens < request.max_tokens) warnings.push(`max_tokens lowered to the model's output limit of ${maxTokens}`);

  const body: OpenAIChatRequest = {
    model: options.upstreamModel ?? request.model,
    messages: [...convertSystem(system, systemAddendum), ...convertMessages(request.messages, target)],
    ...(target.legacyMaxTokens ? { max_tokens: maxTokens } : { max_completion_tokens: maxTokens }),
    ...sampling,
    ...readStop(request.stop_sequences, warnings),
    // The final message_delta needs usage, so it is always requested.
    ...(request.stream && { stream: true, stream_options: { include_usage: true } }),
    ...(tools.length > 0 && { tools }),
    ...(tools.length > 0 && toolChoice && { tool_choice: toolChoice }),
    ...(tools.length > 0 && parallelToolCalls === false && { parallel_tool_calls: false }),
    ...(request.metadata?.user_id && { user: request.metadata.user_id }),
    ...(reasoningEffort && { reasoning_effort: reasoningEffort }),
    ...(responseFormat && { response_format: responseFormat.format }),
  };
  const context: AnthropicClientContext = { model: request.model, toolNames, ...(responseFormat?.clientSchema && { structuredOutputSchema: responseFormat.clientSchema }) };
  return { request: body, context, warnings };
}

/**
 * The message-threads beta continues a conversation the server stored: toward a model without threads the SDK is
 * told so in the way it understands, and falls back to sending the whole history.
 */
function rejectThread(request: AnthropicMessagesRequest): void {
  if (request.thread === undefined || request.thread === null) return;
  throw new ConversionError('thread: message threads are not supported by this model', 'thread', {
    error_code: 'thread_unsupported_request',
    unsupported: ['thread'],
  });
}

/** Reasoning models of OpenAI reject temperature and top_p ("Unsupported parameter"). */
function readSampling(request: AnthropicMessagesRequest, target: ModelCapabilities, warnings: string[]): Pick<OpenAIChatRequest, 'temperature' | 'top_p'> {
  const given = request.temperature !== undefined || request.top_p !== undefined;
  if (!target.samplingParameters) {
    if (given) warnings.push('temperature and top_p dropped: the model does not take sampling parameters');
    return {};
  }
  return { ...(request.temperature !== undefined && { temperature: request.temperature }), ...(request.top_p !== undefined && { top_p: request.top_p }) };
}

type ResponseFormatPlan = { format: NonNullable<OpenAIChatRequest['response_format']>; clientSchema?: Record<string, unknown> };

/**
 * output_config.format → json_schema. Toward a strict target the schema is made strict-compliant and the answer is
 * mapped back to the client's shape; where that is impossible, or the target is not strict, `strict: false`.
 */
function readResponseFormat(request: AnthropicMessagesRequest, target: ModelCapabilities, warnings: string[]): ResponseFormatPlan | undefined {
  const schema = (request.output_config?.format ?? request.output_format)?.schema;
  if (!schema) return undefined;
  const strict = target.structuredOutputs === 'strict' ? toStrictSchema(schema) : null;
  if (target.structuredOutputs === 'strict' && !strict) warnings.push('response schema sent with strict: false: it allows additional properties, which strict mode cannot take');
  if (!strict) return { format: { type: 'json_schema', json_schema: { name: 'response', schema, strict: false } } };
  return { format: { type: 'json_schema', json_schema: { name: 'response', schema: strict, strict: true } }, clientSchema: schema };
}

function stripBillingHeader(system: AnthropicMessagesRequest['system'], warnings: string[]): AnthropicMessagesRequest['system'] {
  if (typeof system === 'string') {
    if (!BILLING_HEADER_LINE.test(system)) return system;
    warnings.push('dropped the per-session billing line of the system prompt');
    return system.replace(BILLING_HEADER_LINE, '');
  }
  if (!system?.length || !BILLING_HEADER_LINE.test(system[0].text)) return system;
  warnings.push('dropped the per-session billing line of the system prompt');
  const rest = system[0].text.replace(BILLING_HEADER_LINE, '');
  const first: AnthropicTextBlock[] = rest === '' ? [] : [{ ...system[0], text: rest }];
  return [...first, ...system.slice(1)];
}

/** OpenAI accepts at most 4 stop sequences: the first 4 are kept. */
function readStop(stopSequences: string[] | undefined, warnings: string[]): { stop?: string[] } {
  if (!stopSequences?.length) return {};
  if (stopSequences.length <= MAX_OPENAI_STOP_SEQUENCES) return { stop: stopSequences };
  warnings.push(`stop_sequences truncated to the first ${MAX_OPENAI_STOP_SEQUENCES}`);
  return { stop: stopSequences.slice(0, MAX_OPENAI_STOP_SEQUENCES) };
}
