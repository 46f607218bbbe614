import { describe, expect, it } from 'vitest';
import { countStreamedTextChars } from './streamed-text';
import { estimateTokensFromChars } from './token-estimate';

describe('countStreamedTextChars', () => {
  it('counts the text of OpenAI content, reasoning and tool-argument deltas, escapes as one character', () => {
    const data = JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hi "you"\n', reasoning_content: 'é🌸' } }] });
    expect(countStreamedTextChars({ data })).toBe('Hi "you"\n'.length + 'é🌸'.length);
    const tool = JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] } }] });
    expect(countStreamedTextChars({ data: tool })).toBe(7);
  });

  it('counts Anthropic text, thinking and input_json deltas and nothing in its other events', () => {
    const delta = (payload: object) => ({ event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: payload }) });
    expect(countStreamedTextChars(delta({ type: 'text_delta', text: 'Hello' }))).toBe(5);
    expect(countStreamedTextChars(delta({ type: 'thinking_delta', thinking: 'hmm…' }))).toBe(4);
    expect(countStreamedTextChars(delta({ type: 'input_json_delta', partial_json: '{"q":' }))).toBe(5);
    const start = { event: 'content_block_start', data: JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'x' } }) };
    expect(countStreamedTextChars(start)).toBe(0);
  });

  it('counts the Responses API text and argument deltas', () => {
    const delta = (name: string, text: string) => ({ event: name, data: JSON.stringify({ type: name, item_id: 'msg_1', delta: text }) });
    expect(countStreamedTextChars(delta('response.output_text.delta', 'Hello'))).toBe(5);
    expect(countStreamedTextChars(delta('response.function_call_arguments.delta', '{"a":1}'))).toBe(7);
    expect(countStreamedTextChars({ event: 'response.completed', data: '{"type":"response.completed","response":{}}' })).toBe(0);
  });

  it('counts a \\u escape as one character and empty strings as none', () => {
    expect(countStreamedTextChars({ data: '{"choices":[{"delta":{"content":"a\\u00e9b"}}]}' })).toBe(3);
    expect(countStreamedTextChars({ data: '{"choices":[{"delta":{"content":""}}]}' })).toBe(0);
    expect(countStreamedTextChars({ data: '[DONE]' })).toBe(0);
  });

  it('estimates about four characters per token', () => {
    expect(estimateTokensFromChars(0)).toBe(0);
    expect(estimateTokensFromChars(9)).toBe(3);
  });
});
