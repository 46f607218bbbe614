// A Responses API answer as a Chat Completions answer: message text and refusals, function calls as tool_calls,
// `incomplete` as finish_reason length (or content_filter), usage in Chat terms.
import type { OpenAIClientContext } from '../context';
import { generateId } from '../ids';
import type { OpenAIChatCompletion, OpenAIToolCall } from '../openai/types';
import { buildOpenAIUsage } from '../openai/usage';
import { readResponsesUsage } from '../responses/usage';
import type { ResponsesResponse } from '../responses/types';

export function convertResponsesToChatCompletion(response: ResponsesResponse, context: OpenAIClientContext): OpenAIChatCompletion {
  let text = '';
  let refusal = '';
  let reasoning = '';
  const toolCalls: OpenAIToolCall[] = [];
  for (const item of response.output ?? []) {
    if (item.type === 'message') {
      for (const part of item.content ?? []) {
        if (part.type === 'output_text') text += part.text;
        else if (part.type === 'refusal') refusal += part.refusal;
      }
    } else if (item.type === 'reasoning') {
      reasoning += item.summary.map((part) => part.text).join('\n');
    } else if (item.type === 'function_call') {
      toolCalls.push({ id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } });
    }
  }
  const usage = readResponsesUsage(response.usage);
  return {
    id: generateId('chatcmpl-'),
    object: 'chat.completion',
    created: response.created_at ?? Math.floor(Date.now() / 1000),
    model: context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || null,
          ...(refusal && { refusal }),
          ...(reasoning && { reasoning_content: reasoning }),
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        finish_reason: finishReasonOf(response, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    ...(usage && { usage: withReasoningTokens(buildOpenAIUsage(usage), response.usage?.output_tokens_details?.reasoning_tokens) }),
  };
}

export function finishReasonOf(response: Pick<ResponsesResponse, 'status' | 'incomplete_details'>, calledTools: boolean): string {
  if (response.status === 'incomplete') return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'length';
  return calledTools ? 'tool_calls' : 'stop';
}

export function withReasoningTokens<T extends object>(usage: T, reasoningTokens: number | undefined): T {
  return reasoningTokens ? { ...usage, completion_tokens_details: { reasoning_tokens: reasoningTokens } } : usage;
}
