// A Responses API request as a Chat Completions request: the pivot through which a Responses client reaches a
// chat-only OpenAI-type route directly, and an Anthropic-type route through the Chat → Messages converter
// (docs/ARCHITECTURE.md, "Three protocols"). What the pivot cannot carry is refused (400 naming the field) or
// dropped with a conversion note.
import { ConversionError } from '../errors';
import { isRecord, type JsonSchema } from '../json';
import { decodeThinkingBlocks } from './reasoning';
import type {
  OpenAIAssistantMessage,
  OpenAIChatRequest,
  OpenAIFunctionTool,
  OpenAIMessage,
  OpenAIReasoningEffort,
  OpenAIResponseFormat,
  OpenAIThinkingBlock,
  OpenAITextPart,
  OpenAIToolChoice,
  OpenAIUserContentPart,
} from '../openai/types';
import type {
  ResponsesInputContent,
  ResponsesInputItem,
  ResponsesNamespaceTool,
  ResponsesRequest,
  ResponsesTextFormat,
  ResponsesTool,
  ResponsesToolChoice,
} from './types';

/** What the answer's conversion needs to know about the request. */
export type ResponsesContext = {
  /** The model name the client asked for, echoed in the response. */
  requestedModel: string;
  /** Free-form tools, sent as function tools with one string argument: their calls go back as custom_tool_call. */
  customTools: ReadonlySet<string>;
  /** The client asked for `reasoning.encrypted_content`: reasoning items carry the signed thinking (reasoning.ts). */
  includeEncryptedReasoning: boolean;
  request: ResponsesRequest;
};

export type ConvertedResponsesRequest = { request: OpenAIChatRequest; context: ResponsesContext; warnings: string[] };

/** The one argument a free-form tool's call carries toward a function-calling model. */
export const CUSTOM_TOOL_INPUT = 'input';

const DROPPED_FIELDS = ['store', 'include', 'truncation', 'service_tier', 'prompt_cache_key'] as const;

export function convertResponsesRequestToChat(request: ResponsesRequest): ConvertedResponsesRequest {
  const warnings: string[] = [];
  if (request.previous_response_id) {
    throw new ConversionError('previous_response_id: stored responses are not available for this model yet; send the whole conversation in input', 'previous_response_id');
  }
  const customTools = new Set<string>();
  const tools = convertTools([...(request.tools ?? []), ...toolsAddedInInput(request.input)], customTools, warnings);
  const messages = [...instructionsOf(request), ...inputMessages(request.input, warnings)];
  if (messages.length === 0) throw new ConversionError('input: the request has no input', 'input');
  for (const field of DROPPED_FIELDS) if (request[field] !== undefined && request[field] !== null) warnings.push(`${field} dropped: not carried to this model`);

  const chat: OpenAIChatRequest = {
    model: request.model,
    messages,
    ...(tools.length > 0 && { tools }),
    ...(request.tool_choice !== undefined && { tool_choice: convertToolChoice(request.tool_choice) }),
    ...(typeof request.parallel_tool_calls === 'boolean' && { parallel_tool_calls: request.parallel_tool_calls }),
    ...(typeof request.max_output_tokens === 'number' && { max_completion_tokens: request.max_output_tokens }),
    ...(typeof request.temperature === 'number' && { temperature: request.temperature }),
    ...(typeof request.top_p === 'number' && { top_p: request.top_p }),
    ...(request.reasoning?.effort && { reasoning_effort: request.reasoning.effort as OpenAIReasoningEffort }),
    ...(request.text?.format && { response_format: convertTextFormat(request.text.format) }),
    ...(request.metadata && { metadata: request.metadata }),
    ...(request.user && { user: request.user }),
    ...(request.safety_identifier && { safety_identifier: request.safety_identifier }),
    ...(request.stream === true && { stream: true, stream_options: { include_usage: true } }),
  };
  const includeEncryptedReasoning = Array.isArray(request.include) && request.include.includes('reasoning.encrypted_content');
  return { request: chat, context: { requestedModel: request.model, customTools, includeEncryptedReasoning, request }, warnings };
}

/** Codex's newer models declare tools in `additional_tools` input items rather than in `tools`. */
function toolsAddedInInput(input: ResponsesRequest['input']): ResponsesTool[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((item) => (isRecord(item) && item.type === 'additional_tools' && Array.isArray(item.tools) ? (item.tools as ResponsesTool[]) : []));
}

function instructionsOf(request: ResponsesRequest): OpenAIMessage[] {
  return typeof request.instructions === 'string' && request.instructions !== '' ? [{ role: 'system', content: request.instructions }] : [];
}

function inputMessages(input: ResponsesRequest['input'], warnings: string[]): OpenAIMessage[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) throw new ConversionError('input: must be a string or a list of input items', 'input');
  const messages: OpenAIMessage[] = [];
  // Signed thinking from a reasoning item belongs to the assistant turn that follows it.
  let thinking: OpenAIThinkingBlock[] = [];
  const withThinking = (turn: OpenAIAssistantMessage): OpenAIAssistantMessage => {
    if (thinking.length > 0) turn.thinking_blocks = [...(turn.thinking_blocks ?? []), ...thinking];
    thinking = [];
    return turn;
  };
  // Calls of one turn are one assistant message with several tool_calls, as Chat Completions wants them.
  const assistantTurn = (): OpenAIAssistantMessage => {
    const last = messages[messages.length - 1];
    if (last?.role === 'assistant' && last.tool_calls && thinking.length === 0) return last;
    const turn: OpenAIAssistantMessage = withThinking({ role: 'assistant', content: null, tool_calls: [] });
    messages.push(turn);
    return turn;
  };
  input.forEach((item, index) => {
    if (!isRecord(item)) throw new ConversionError(`input[${index}]: must be an object`, `input[${index}]`);
    const typed = item as ResponsesInputItem;
    switch (typed.type ?? 'message') {
      case 'message': {
        const message = convertMessage(typed as Extract<ResponsesInputItem, { role: string }>, index);
        messages.push(message.role === 'assistant' ? withThinking(message) : message);
        return;
      }
      case 'function_call': {
        const call = typed as Extract<ResponsesInputItem, { type: 'function_call' }>;
        assistantTurn().tool_calls!.push({ id: call.call_id, type: 'function', function: { name: call.name, arguments: call.arguments ?? '' } });
        return;
      }
      case 'custom_tool_call': {
        const call = typed as Extract<ResponsesInputItem, { type: 'custom_tool_call' }>;
        const args = JSON.stringify({ [CUSTOM_TOOL_INPUT]: call.input ?? '' });
        assistantTurn().tool_calls!.push({ id: call.call_id, type: 'function', function: { name: call.name, arguments: args } });
        return;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const output = typed as Extract<ResponsesInputItem, { call_id: string; output: unknown }>;
        messages.push({ role: 'tool', tool_call_id: output.call_id, content: outputText(output.output) });
        return;
      }
      case 'additional_tools':
        return; // their tools are among the request's tools
      case 'reasoning': {
        const blocks = decodeThinkingBlocks((typed as Extract<ResponsesInputItem, { type: 'reasoning' }>).encrypted_content);
        if (blocks) thinking.push(...blocks);
        else warnings.push('a reasoning item dropped: it holds no thinking this model can read');
        return;
      }
      default:
        throw new ConversionError(`input[${index}].type: "${String(typed.type)}" items are not supported for this model`, `input[${index}].type`);
    }
  });
  return messages;
}

function convertMessage(item: Extract<ResponsesInputItem, { role: string }>, index: number): OpenAIMessage {
  const role = item.role;
  if (role === 'system' || role === 'developer') return { role, content: textOf(item.content) };
  if (role === 'assistant') return { role: 'assistant', content: textOf(item.content) };
  if (role !== 'user') throw new ConversionError(`input[${index}].role: must be user, assistant, system or developer`, `input[${index}].role`);
  if (typeof item.content === 'string') return { role: 'user', content: item.content };
  return { role: 'user', content: item.content.map((part, partIndex) => userPart(part, `input[${index}].content[${partIndex}]`)) };
}

function userPart(part: ResponsesInputContent, where: string): OpenAIUserContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      if (!part.image_url) throw new ConversionError(`${where}: images must be given by image_url for this model`, where);
      return { type: 'image_url', image_url: { url: part.image_url, ...(part.detail && { detail: part.detail }) } };
    case 'input_file':
      if (!part.file_data) throw new ConversionError(`${where}: files must be given inline (file_data) for this model`, where);
      return { type: 'file', file: { file_data: part.file_data, ...(part.filename && { filename: part.filename }) } };
    default:
      throw new ConversionError(`${where}.type: "${(part as { type: string }).type}" is not supported for this model`, where);
  }
}

function textOf(content: string | ResponsesInputContent[]): string | OpenAITextPart[] {
  if (typeof content === 'string') return content;
  return content.map((part) => ({ type: 'text', text: part.type === 'refusal' ? part.refusal : 'text' in part ? part.text : '' }));
}

function outputText(output: string | ResponsesInputContent[]): string | OpenAITextPart[] {
  if (typeof output === 'string') return output;
  return output.filter((part) => 'text' in part).map((part) => ({ type: 'text', text: (part as { text: string }).text }));
}

/**
 * Function and free-form tools become function tools; a namespace's tools are listed as tools of their own. Hosted
 * tools (web search, file search, code interpreter…) run at OpenAI, which is not behind this route: they are dropped
 * with a note, so a client that always offers one (Codex offers web_search) still works.
 */
function convertTools(tools: ResponsesTool[], customTools: Set<string>, warnings: string[], where = 'tools'): OpenAIFunctionTool[] {
  return tools.flatMap((tool, index) => {
    if (tool.type === 'function' || tool.type === 'custom') return [convertTool(tool, customTools)];
    const group = tool as ResponsesNamespaceTool;
    if (group.type === 'namespace' && Array.isArray(group.tools)) return convertTools(group.tools, customTools, warnings, `${where}[${index}].tools`);
    warnings.push(`${where}[${index}] (${tool.type}) dropped: a hosted tool this model does not have`);
    return [];
  });
}

function convertTool(tool: ResponsesTool, customTools: Set<string>): OpenAIFunctionTool {
  if (tool.type === 'function') {
    const fn = tool as Extract<ResponsesTool, { type: 'function'; parameters?: unknown }>;
    return {
      type: 'function',
      function: {
        name: fn.name,
        ...(fn.description && { description: fn.description }),
        parameters: (fn.parameters ?? { type: 'object', properties: {} }) as JsonSchema,
        ...(typeof fn.strict === 'boolean' && { strict: fn.strict }),
      },
    };
  }
  if (tool.type === 'custom') {
    const custom = tool as Extract<ResponsesTool, { type: 'custom'; format?: unknown }>;
    customTools.add(custom.name);
    const grammar = custom.format?.type === 'grammar' ? `\n\nThe input must follow this ${custom.format.syntax} grammar:\n${custom.format.definition}` : '';
    return {
      type: 'function',
      function: {
        name: custom.name,
        description: `${custom.description ?? ''}${grammar}\n\nPut the whole raw input, exactly as the tool takes it, in "${CUSTOM_TOOL_INPUT}".`.trim(),
        parameters: { type: 'object', properties: { [CUSTOM_TOOL_INPUT]: { type: 'string' } }, required: [CUSTOM_TOOL_INPUT], additionalProperties: false },
      },
    };
  }
  throw new Error(`not a function or custom tool: ${tool.type}`);
}

function convertToolChoice(choice: ResponsesToolChoice): OpenAIToolChoice {
  if (typeof choice === 'string') return choice;
  if ((choice.type === 'function' || choice.type === 'custom') && 'name' in choice) return { type: 'function', function: { name: choice.name } };
  throw new ConversionError(`tool_choice: "${choice.type}" is not available for this model`, 'tool_choice');
}

function convertTextFormat(format: ResponsesTextFormat): OpenAIResponseFormat {
  if (format.type === 'json_schema') {
    return { type: 'json_schema', json_schema: { name: format.name, schema: format.schema, ...(format.strict !== undefined && { strict: format.strict }), ...(format.description && { description: format.description }) } };
  }
  return format;
}
