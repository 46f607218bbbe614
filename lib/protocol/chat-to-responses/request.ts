// A Chat Completions request for a model served only on the Responses API (docs/CONVERSION.md §12). An Anthropic
// client's request reaches such a model as Messages → Chat (anthropic-to-openai) → Responses (here).
import type { OpenAIClientContext } from '../context';
import { ConversionError } from '../errors';
import type {
  OpenAIChatRequest,
  OpenAIMessage,
  OpenAITextPart,
  OpenAIToolChoice,
  OpenAIUserContentPart,
} from '../openai/types';
import type { ResponsesInputContent, ResponsesInputItem, ResponsesRequest, ResponsesTextFormat, ResponsesToolChoice } from '../responses/types';

export type ConvertedChatRequest = { request: ResponsesRequest; context: OpenAIClientContext; warnings: string[] };

/** Chat parameters the Responses API has no counterpart for. */
const DROPPED = ['n', 'stop', 'logprobs', 'top_logprobs', 'seed', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'prediction', 'audio', 'modalities'] as const;

export function convertChatRequestToResponses(request: OpenAIChatRequest, upstreamModel: string): ConvertedChatRequest {
  const warnings: string[] = [];
  for (const field of DROPPED) if (request[field] !== undefined && request[field] !== null) warnings.push(`${field} dropped: the Responses API has no such parameter`);
  const maxOutput = request.max_completion_tokens ?? request.max_tokens;
  const converted: ResponsesRequest = {
    model: upstreamModel,
    input: request.messages.flatMap((message) => inputItems(message, warnings)),
    // The gateway keeps no state at the provider: every turn carries the whole conversation, as Chat does.
    store: false,
    ...(request.tools?.length && {
      tools: request.tools.map(({ function: fn }) => ({
        type: 'function' as const,
        name: fn.name,
        ...(fn.description && { description: fn.description }),
        parameters: fn.parameters ?? { type: 'object', properties: {} },
        strict: fn.strict ?? false,
      })),
    }),
    ...(request.tool_choice !== undefined && { tool_choice: toolChoice(request.tool_choice) }),
    ...(typeof request.parallel_tool_calls === 'boolean' && { parallel_tool_calls: request.parallel_tool_calls }),
    ...(typeof maxOutput === 'number' && { max_output_tokens: maxOutput }),
    ...(typeof request.temperature === 'number' && { temperature: request.temperature }),
    ...(typeof request.top_p === 'number' && { top_p: request.top_p }),
    ...(request.reasoning_effort && { reasoning: { effort: request.reasoning_effort } }),
    ...(request.response_format && request.response_format.type !== 'text' && { text: { format: textFormat(request.response_format) } }),
    ...(request.metadata && { metadata: request.metadata }),
    ...(request.user && { user: request.user }),
    ...(request.safety_identifier && { safety_identifier: request.safety_identifier }),
    ...(request.stream === true && { stream: true }),
  };
  return {
    request: converted,
    context: { model: request.model, includeUsage: request.stream_options?.include_usage === true },
    warnings,
  };
}

function inputItems(message: OpenAIMessage, warnings: string[]): ResponsesInputItem[] {
  switch (message.role) {
    case 'system':
    case 'developer':
      return [{ type: 'message', role: message.role, content: textContent(message.content, 'input_text') }];
    case 'user':
      return [{ type: 'message', role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(userPart) }];
    case 'assistant': {
      const items: ResponsesInputItem[] = [];
      const text = typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => (part.type === 'text' ? part.text : part.refusal)).join('');
      if (text) items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
      for (const call of message.tool_calls ?? []) items.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
      if (message.thinking_blocks?.length || message.reasoning_content) warnings.push('reasoning of earlier turns dropped: the Responses API takes it only as its own encrypted items');
      return items;
    }
    case 'tool':
      return [{ type: 'function_call_output', call_id: message.tool_call_id, output: typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('') }];
    case 'function':
      warnings.push('a legacy function message was dropped');
      return [];
  }
}

function textContent(content: string | OpenAITextPart[], type: 'input_text'): ResponsesInputContent[] {
  return typeof content === 'string' ? [{ type, text: content }] : content.map((part) => ({ type, text: part.text }));
}

function userPart(part: OpenAIUserContentPart): ResponsesInputContent {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image_url':
      return { type: 'input_image', image_url: part.image_url.url, detail: part.image_url.detail ?? 'auto' };
    case 'file':
      return { type: 'input_file', ...(part.file.file_data && { file_data: part.file.file_data }), ...(part.file.file_id && { file_id: part.file.file_id }), ...(part.file.filename && { filename: part.file.filename }) };
    case 'input_audio':
      throw new ConversionError('input_audio: audio input is not available for this model', 'messages');
  }
}

function toolChoice(choice: OpenAIToolChoice): ResponsesToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.function.name };
}

function textFormat(format: Exclude<NonNullable<OpenAIChatRequest['response_format']>, { type: 'text' }>): ResponsesTextFormat {
  if (format.type === 'json_object') return { type: 'json_object' };
  const { name, schema, strict, description } = format.json_schema;
  return { type: 'json_schema', name, schema: schema ?? {}, ...(strict !== undefined && { strict }), ...(description && { description }) };
}
