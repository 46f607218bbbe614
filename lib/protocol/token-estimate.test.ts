import { describe, expect, it } from 'vitest';
import { estimateInputTokens, IMAGE_TOKEN_ESTIMATE } from './token-estimate';

describe('estimateInputTokens', () => {
  it('counts text with a real tokenizer, plus message framing', async () => {
    const short = await estimateInputTokens({ messages: [{ role: 'user', content: 'Hello, world' }] });
    // o200k_base: "Hello", ",", " world" = 3 tokens, + 3 framing.
    expect(short).toBe(6);
  });

  it('counts system blocks, tool calls, tool results and tool schemas', async () => {
    const base = await estimateInputTokens({ messages: [{ role: 'user', content: 'hi' }] });
    const full = await estimateInputTokens({
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'lookup', input: { q: 'weather in Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'sunny' }] }] },
      ],
      tools: [{ name: 'lookup', description: 'Looks things up', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
    });
    expect(full).toBeGreaterThan(base + 30);
  });

  it('adds a fixed estimate per image', async () => {
    const withImage = await estimateInputTokens({
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] }],
    });
    expect(withImage).toBe(IMAGE_TOKEN_ESTIMATE + 3);
  });

  it('reads OpenAI Chat Completions and Responses bodies too: parts, tool calls, nested tool schemas, input items', async () => {
    const chat = await estimateInputTokens({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Hello, world' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"Paris"}' } }] },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Looks things up', parameters: { type: 'object' } } }],
    });
    expect(chat).toBeGreaterThan(IMAGE_TOKEN_ESTIMATE + 3 * 3 + 3 + 8 + 10);
    const responses = await estimateInputTokens({ instructions: 'Be brief.', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello, world' }] }] });
    const plain = await estimateInputTokens({ input: 'Hello, world' });
    expect(plain).toBe(6);
    expect(responses).toBeGreaterThan(plain);
  });
});
