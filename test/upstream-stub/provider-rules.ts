// What the real providers refuse, so a conversion that would be refused fails here too. The rules a provider applies
// to every request come first; model families that are stricter (OpenAI's reasoning models, Claude models by
// generation, DeepSeek's reasoner) are recognised by the model name the request names. Messages follow the
// providers' own wording closely enough for a reader to recognise them.
import { toStrictSchema } from '../../lib/protocol/strict-schema';

type Body = Record<string, unknown>;

const OPENAI_CHAT_PARAMETERS = new Set([
  'model', 'messages', 'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs', 'max_completion_tokens',
  'max_tokens', 'metadata', 'modalities', 'n', 'parallel_tool_calls', 'prediction', 'presence_penalty', 'prompt_cache_key',
  'prompt_cache_retention', 'reasoning_effort', 'response_format', 'safety_identifier', 'seed', 'service_tier', 'stop', 'store',
  'stream', 'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user', 'verbosity', 'web_search_options',
]);

const ANTHROPIC_MESSAGES_FIELDS = new Set([
  'model', 'messages', 'max_tokens', 'container', 'context_management', 'mcp_servers', 'metadata', 'output_config', 'output_format',
  'service_tier', 'stop_sequences', 'stream', 'system', 'temperature', 'thinking', 'tool_choice', 'tools', 'top_k', 'top_p',
]);

/** Fields the API takes only under a beta named in `anthropic-beta`. */
const ANTHROPIC_BETA_FIELDS: Record<string, string> = { thread: 'message-threads-2026-08-12' };

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** OpenAI's platform models by name: gpt-*, o1/o3/o4…, chatgpt-*. Compatible servers' models get the generic rules. */
function isOpenAIPlatformModel(model: string): boolean {
  return /^(gpt-|chatgpt-|o\d)/.test(model);
}

/** The platform's reasoning models: the o-series and GPT-5 (its chat variants excepted). */
function isOpenAIReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (/^gpt-5/.test(model) && !/chat/.test(model));
}

function openAIReasoningEfforts(model: string): string[] {
  if (/^gpt-5\.[1-9]|^gpt-5-[1-9]/.test(model)) return ['none', 'low', 'medium', 'high', 'xhigh'];
  if (/^gpt-5/.test(model)) return ['minimal', 'low', 'medium', 'high'];
  return ['low', 'medium', 'high'];
}

export function openAIChatProblem(body: Body): string | undefined {
  const model = String(body.model ?? '');
  const platform = isOpenAIPlatformModel(model);
  if (platform) {
    const unknown = Object.keys(body).find((key) => !OPENAI_CHAT_PARAMETERS.has(key));
    if (unknown) return `Unrecognized request argument supplied: ${unknown}`;
  }
  const toolProblem = openAIToolsProblem(body.tools, platform);
  if (toolProblem) return toolProblem;
  if (platform && isOpenAIReasoningModel(model)) {
    for (const parameter of ['temperature', 'top_p']) {
      if (body[parameter] !== undefined && body[parameter] !== 1) return `Unsupported parameter: '${parameter}' is not supported with this model.`;
    }
    if (body.max_tokens !== undefined) return "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    const effort = body.reasoning_effort;
    if (effort !== undefined && !openAIReasoningEfforts(model).includes(String(effort))) {
      return `Unsupported value: 'reasoning_effort' does not support '${String(effort)}' with this model.`;
    }
  } else if (platform && body.reasoning_effort !== undefined) {
    return "Unsupported parameter: 'reasoning_effort' is not supported with this model.";
  }
  if (model === 'deepseek-reasoner') {
    const messages = Array.isArray(body.messages) ? (body.messages as Body[]) : [];
    const missing = messages.findIndex((message) => message.role === 'assistant' && Array.isArray(message.tool_calls) && typeof message.reasoning_content !== 'string');
    if (missing !== -1) return `Missing \`reasoning_content\` field in the assistant message at message index ${missing}`;
  }
  return strictSchemaProblem(body.response_format);
}

function openAIToolsProblem(tools: unknown, platform: boolean): string | undefined {
  if (!Array.isArray(tools)) return undefined;
  for (const [index, tool] of tools.entries()) {
    const fn = (tool as { function?: { name?: unknown; description?: unknown } }).function ?? {};
    if (typeof fn.name !== 'string' || !TOOL_NAME.test(fn.name)) {
      return `Invalid 'tools[${index}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`;
    }
    if (platform && typeof fn.description === 'string' && fn.description.length > 1024) {
      return `Invalid 'tools[${index}].function.description': string too long. Expected a string with maximum length 1024, but got a string with length ${fn.description.length} instead.`;
    }
  }
  return undefined;
}

/** Strict structured outputs: every object closed and listing every property as required. */
function strictSchemaProblem(format: unknown): string | undefined {
  const jsonSchema = (format as { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: Body } } | undefined)?.json_schema;
  if (!jsonSchema?.strict || !jsonSchema.schema) return undefined;
  const strict = toStrictSchema(jsonSchema.schema);
  if (strict === null || JSON.stringify(strict) !== JSON.stringify(jsonSchema.schema)) {
    return `Invalid schema for response_format '${jsonSchema.name ?? ''}': In context=(), 'required' is required to be supplied and to be an array including every key in properties, and 'additionalProperties' must be false.`;
  }
  return undefined;
}

/** Claude models from 4.6 on think adaptively; Opus 4.7 and later take no budget at all. */
function claudeGeneration(model: string): number | null {
  const match = /claude-(?:opus|sonnet|haiku)-(\d)-(\d)/.exec(model) ?? /claude-(?:opus|sonnet|haiku)-(\d)(?:-|$)/.exec(model);
  if (!match) return null;
  return Number(match[1]) + Number(match[2] ?? 0) / 10;
}

export function anthropicMessagesProblem(body: Body, betas: string[] = []): string | undefined {
  const unknown = Object.keys(body).find((key) => !ANTHROPIC_MESSAGES_FIELDS.has(key) && !betas.includes(ANTHROPIC_BETA_FIELDS[key]));
  if (unknown) return `${unknown}: Extra inputs are not permitted`;
  const model = String(body.model ?? '');
  const generation = claudeGeneration(model);
  const thinking = body.thinking as { type?: string; budget_tokens?: number } | undefined;
  if (generation !== null && generation >= 4.5 && body.temperature !== undefined && body.top_p !== undefined) {
    return '`temperature` and `top_p` cannot both be specified for this model. Please use only one.';
  }
  if (thinking?.type === 'enabled') {
    if (generation !== null && generation >= 4.7) return 'thinking.type.enabled is not supported for this model. Use thinking.type.adaptive and output_config.effort instead.';
    const budget = Number(thinking.budget_tokens);
    if (!(budget >= 1024)) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
    if (budget >= Number(body.max_tokens)) return '`max_tokens` must be greater than `thinking.budget_tokens`.';
  }
  if (thinking?.type === 'adaptive' && generation !== null && generation < 4.6) return 'thinking.type.adaptive is not supported for this model.';
  if (thinking && thinking.type !== 'disabled') {
    if (body.temperature !== undefined && body.temperature !== 1) return '`temperature` may only be set to 1 when thinking is enabled.';
    if (typeof body.top_p === 'number' && body.top_p < 0.95) return '`top_p` must be greater than or equal to 0.95 when thinking is enabled.';
    const choice = (body.tool_choice as { type?: string } | undefined)?.type;
    if (choice === 'any' || choice === 'tool') return 'Thinking may not be enabled when tool_choice forces tool use.';
  }
  return anthropicMessageOrderProblem(body.messages);
}

/** Empty text blocks and tool results that answer no tool call of the assistant turn before them. */
function anthropicMessageOrderProblem(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  let pendingToolUses = new Set<string>();
  for (const [index, message] of (messages as Body[]).entries()) {
    const content = Array.isArray(message.content) ? (message.content as Body[]) : [];
    if (content.some((block) => block.type === 'text' && block.text === '')) return `messages.${index}: text content blocks must be non-empty`;
    if (message.role === 'assistant') {
      pendingToolUses = new Set(content.filter((block) => block.type === 'tool_use').map((block) => String(block.id)));
      continue;
    }
    for (const block of content.filter((candidate) => candidate.type === 'tool_result')) {
      if (!pendingToolUses.has(String(block.tool_use_id))) {
        return `messages.${index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
    pendingToolUses = new Set();
  }
  return undefined;
}

const RESPONSES_FIELDS = new Set([
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'max_output_tokens', 'max_tool_calls', 'temperature',
  'top_p', 'top_logprobs', 'reasoning', 'text', 'stream', 'stream_options', 'store', 'include', 'previous_response_id', 'conversation',
  'metadata', 'user', 'safety_identifier', 'prompt_cache_key', 'prompt_cache_retention', 'service_tier', 'truncation', 'background', 'prompt',
]);
const RESPONSES_ITEM_TYPES = new Set(['message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'reasoning', 'item_reference']);
const RESPONSES_PART_TYPES = new Set(['input_text', 'input_image', 'input_file', 'output_text', 'refusal']);

/** What api.openai.com's /v1/responses refuses: unknown parameters (Chat's messages, max_tokens…), malformed input items. */
export function responsesProblem(body: Body): string | undefined {
  const unknown = Object.keys(body).find((key) => !RESPONSES_FIELDS.has(key));
  if (unknown) return `Unknown parameter: '${unknown}'.`;
  if (typeof body.input === 'string') return undefined;
  if (!Array.isArray(body.input)) return "Invalid type for 'input': expected a string or an array of input items.";
  for (const [index, item] of (body.input as Record<string, unknown>[]).entries()) {
    const type = item?.type ?? 'message';
    if (typeof type !== 'string' || !RESPONSES_ITEM_TYPES.has(type)) return `Invalid value for 'input[${index}].type'.`;
    if (type === 'message') {
      if (!['user', 'assistant', 'system', 'developer'].includes(String(item.role))) return `Invalid value for 'input[${index}].role'.`;
      if (Array.isArray(item.content)) {
        const part = (item.content as { type?: unknown }[]).findIndex((entry) => !RESPONSES_PART_TYPES.has(String(entry?.type)));
        if (part !== -1) return `Invalid value for 'input[${index}].content[${part}].type'.`;
      } else if (typeof item.content !== 'string') return `Missing required parameter: 'input[${index}].content'.`;
    }
    if ((type === 'function_call' || type === 'function_call_output') && typeof item.call_id !== 'string') return `Missing required parameter: 'input[${index}].call_id'.`;
  }
  return undefined;
}
