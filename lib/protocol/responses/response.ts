// A Chat Completions answer as a Responses API response: the text as a message item, each tool call as a
// function_call item (or custom_tool_call for a free-form tool), length as `incomplete`, usage in Responses terms.
import { generateId } from '../ids';
import { parseJsonSafely, isRecord } from '../json';
import type { OpenAIChatCompletion, OpenAIToolCall } from '../openai/types';
import { readOpenAIUsage } from '../openai/usage';
import type { NormalizedUsage } from '../usage';
import { reasoningItem } from './reasoning';
import { CUSTOM_TOOL_INPUT, type ResponsesContext } from './request';
import type { ResponsesOutputItem, ResponsesResponse, ResponsesStatus, ResponsesUsage } from './types';

export function buildResponsesUsage(usage: NormalizedUsage, reasoningTokens = 0): ResponsesUsage {
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: input + usage.outputTokens,
  };
}

/** A tool call as its Responses output item. */
export function toolCallItem(call: OpenAIToolCall, context: ResponsesContext): ResponsesOutputItem {
  const { id, function: fn } = call;
  if (context.customTools.has(fn.name)) {
    return { type: 'custom_tool_call', id: generateId('ctc_'), call_id: id, name: fn.name, input: customToolInput(fn.arguments), status: 'completed' };
  }
  return { type: 'function_call', id: generateId('fc_'), call_id: id, name: fn.name, arguments: fn.arguments, status: 'completed' };
}

/** The raw input of a free-form tool's call; arguments the model did not write as `{"input": …}` are passed as they are. */
export function customToolInput(args: string): string {
  const parsed = parseJsonSafely(args);
  return isRecord(parsed) && typeof parsed[CUSTOM_TOOL_INPUT] === 'string' ? parsed[CUSTOM_TOOL_INPUT] : args;
}

/** The response's frame: what the request asked for, and the state it is in. */
export function responseShell(context: ResponsesContext, id: string, createdAt: number, status: ResponsesStatus): ResponsesResponse {
  const { request } = context;
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    model: context.requestedModel,
    output: [],
    usage: null,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    tools: request.tools ?? [],
    tool_choice: request.tool_choice ?? 'auto',
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    temperature: request.temperature ?? null,
    top_p: request.top_p ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    previous_response_id: null,
    metadata: request.metadata ?? {},
    text: { format: request.text?.format ?? { type: 'text' } },
  };
}

export function convertChatResponseToResponses(completion: OpenAIChatCompletion, context: ResponsesContext): ResponsesResponse {
  const choice = completion.choices[0];
  const message = choice?.message;
  const output: ResponsesOutputItem[] = [];
  const thinking = message?.thinking_blocks ?? [];
  const summary = message?.reasoning_content ?? '';
  if (summary || thinking.length > 0) output.push(reasoningItem(generateId('rs_'), summary, thinking, context.includeEncryptedReasoning));
  if (message?.content || message?.refusal) {
    output.push({
      type: 'message',
      id: generateId('msg_'),
      status: 'completed',
      role: 'assistant',
      content: [
        ...(message.content ? [{ type: 'output_text' as const, text: message.content, annotations: [] }] : []),
        ...(message.refusal ? [{ type: 'refusal' as const, refusal: message.refusal }] : []),
      ],
    });
  }
  for (const call of message?.tool_calls ?? []) output.push(toolCallItem(call, context));
  const incomplete = choice?.finish_reason === 'length' ? 'max_output_tokens' : choice?.finish_reason === 'content_filter' ? 'content_filter' : null;
  const response = responseShell(context, generateId('resp_'), completion.created || Math.floor(Date.now() / 1000), incomplete ? 'incomplete' : 'completed');
  response.output = output;
  response.incomplete_details = incomplete ? { reason: incomplete } : null;
  if (completion.usage) {
    response.usage = buildResponsesUsage(readOpenAIUsage(completion.usage), completion.usage.completion_tokens_details?.reasoning_tokens ?? 0);
  }
  return response;
}
