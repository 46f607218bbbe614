// OpenAI Chat Completions request → Anthropic Messages request (docs/CONVERSION.md §2).
import type { AnthropicMessagesRequest } from '../anthropic/types';
import type { OpenAIClientContext } from '../context';
import { ConversionError } from '../errors';
import { hashShort } from '../ids';
import type { OpenAIChatRequest } from '../openai/types';
import { UNKNOWN_MODEL_CAPABILITIES, type ModelCapabilities } from '../capabilities';
import { DEFAULT_MAX_TOKENS } from '../options';
import { convertMessages } from './messages';
import { hasThinkingForPendingToolTurn, isForcedToolChoice, planThinking, stripThinkingBlocks } from './thinking';
import { convertToolChoice, convertTools, planResponseFormat } from './tools';

export type OpenAIToAnthropicOptions = {
  /** max_tokens when the client sets no limit (Anthropic requires one). */
  defaultMaxTokens?: number;
  /** What the answering model takes; a model nobody described by default. */
  target?: ModelCapabilities;
  /** The provider's model name; defaults to the request's model. */
  upstreamModel?: string;
};

export type OpenAIToAnthropicRequest = {
  request: AnthropicMessagesRequest;
  context: OpenAIClientContext;
  /** Things the gateway should log: dropped parameters, hoisted system messages, repaired arguments… */
  warnings: string[];
};

const DROPPED_PARAMETERS = [
  'logprobs',
  'top_logprobs',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'store',
  'metadata',
  'prediction',
  'service_tier',
] as const;

export function convertOpenAIRequestToAnthropic(
  request: OpenAIChatRequest,
  options: OpenAIToAnthropicOptions = {},
): OpenAIToAnthropicRequest {
  const target = options.target ?? UNKNOWN_MODEL_CAPABILITIES.anthropic;
  const warnings: string[] = [];
  rejectUnsupportedParameters(request);
  for (const name of DROPPED_PARAMETERS) {
    if (request[name] !== undefined && request[name] !== null) warnings.push(`dropped unsupported parameter ${name}`);
  }

  const converted = convertMessages(request.messages, { warnings });
  const maxTokens = readMaxTokens(request, options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS, target, warnings);
  let thinking = planThinking(request.reasoning_effort, maxTokens, target, warnings);

  const tools = convertTools(request.tools);
  let toolChoice = convertToolChoice(request.tool_choice, request.parallel_tool_calls);
  if (thinking && isForcedToolChoice(toolChoice)) {
    thinking = undefined;
    warnings.push('reasoning_effort ignored: Anthropic does not allow thinking with a forced tool_choice');
  }
  if (thinking && !hasThinkingForPendingToolTurn(converted.messages)) {
    thinking = undefined;
    warnings.push('reasoning_effort ignored: the last tool-calling assistant turn lacks its signed thinking block');
  }

  const { jsonTool, outputFormat } = planResponseFormat(request.response_format, target);
  if (jsonTool) {
    tools.push(jsonTool);
    // Forcing a tool is not allowed with thinking, and would block the client's own tools.
    if (!thinking && tools.length === 1) toolChoice = { type: 'tool', name: jsonTool.name };
  }

  const stopSequences = readStopSequences(request.stop);
  const userId = request.user ?? request.safety_identifier;
  const temperature = readTemperature(request.temperature, !!thinking, warnings);
  const topP = readTopP(request.top_p, temperature, warnings);
  const outputConfig = { ...(thinking?.effort && { effort: thinking.effort }), ...(outputFormat && { format: outputFormat }) };

  const body: AnthropicMessagesRequest = {
    model: options.upstreamModel ?? request.model,
    messages: thinking ? converted.messages : stripThinkingBlocks(converted.messages),
    max_tokens: thinking?.maxTokens ?? maxTokens,
    ...(converted.system.length > 0 && { system: converted.system }),
    ...(temperature !== undefined && { temperature }),
    // With thinking on, Anthropic accepts top_p only within [0.95, 1].
    ...(topP !== undefined && { top_p: thinking ? Math.max(topP, 0.95) : topP }),
    ...(stopSequences.length > 0 && { stop_sequences: stopSequences }),
    ...(request.stream && { stream: true }),
    ...(tools.length > 0 && { tools }),
    ...(tools.length > 0 && toolChoice && { tool_choice: toolChoice }),
    ...(userId && { metadata: { user_id: hashShort(userId, 32) } }),
    ...(thinking && { thinking: thinking.thinking }),
    ...(Object.keys(outputConfig).length > 0 && { output_config: outputConfig }),
  };

  const context: OpenAIClientContext = {
    model: request.model,
    includeUsage: request.stream_options?.include_usage === true,
    ...(jsonTool && { jsonToolName: jsonTool.name }),
  };
  return { request: body, context, warnings };
}

function rejectUnsupportedParameters(request: OpenAIChatRequest): void {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new ConversionError('n: only n=1 is supported by this model', 'n');
  }
  if ((request.audio !== undefined && request.audio !== null) || request.modalities?.includes('audio')) {
    throw new ConversionError('audio: audio output is not supported by this model', 'audio');
  }
}

/** The client's limit (or the default), within the model's output limit. */
function readMaxTokens(request: OpenAIChatRequest, defaultMaxTokens: number, target: ModelCapabilities, warnings: string[]): number {
  const requested = request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens;
  if (target.maxOutputTokens === null || requested <= target.maxOutputTokens) return requested;
  warnings.push(`max_tokens lowered to the model's output limit of ${target.maxOutputTokens}`);
  return target.maxOutputTokens;
}

/** Current Claude models take temperature or top_p, not both: temperature wins. */
function readTopP(topP: number | null | undefined, temperature: number | undefined, warnings: string[]): number | undefined {
  if (topP === null || topP === undefined) return undefined;
  if (temperature === undefined) return topP;
  warnings.push('top_p dropped: Anthropic models take temperature or top_p, not both');
  return undefined;
}

/** Anthropic rejects whitespace-only stop sequences. */
function readStopSequences(stop: OpenAIChatRequest['stop']): string[] {
  const list = typeof stop === 'string' ? [stop] : (stop ?? []);
  return list.filter((sequence) => sequence.trim() !== '');
}

/** OpenAI's 0–2 range is clamped to Anthropic's 0–1; thinking does not allow temperature at all. */
function readTemperature(temperature: number | null | undefined, thinking: boolean, warnings: string[]): number | undefined {
  if (temperature === null || temperature === undefined) return undefined;
  if (thinking) {
    warnings.push('temperature dropped: Anthropic does not allow it with thinking');
    return undefined;
  }
  return Math.min(Math.max(temperature, 0), 1);
}
