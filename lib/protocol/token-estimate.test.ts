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

describe('estimateInputTokens on hostile input', () => {
  it('counts a long unbroken run of punctuation in pieces, close to the whole-text count', async () => {
    const run = '}'.repeat(12_000);
    const estimate = await estimateInputTokens({ messages: [{ role: 'user', content: run }] });
    // o200k_base merges runs of braces into multi-character tokens; pieces of 64 keep the count in that range.
    expect(estimate).toBeGreaterThan(12_000 / 64);
    expect(estimate).toBeLessThan(12_000);
  });

  it('tokenizes the first 200,000 characters and counts the rest at four characters per token', async () => {
    const words = 'word '.repeat(100_000);
    const whole = await estimateInputTokens({ messages: [{ role: 'user', content: words }] });
    const half = await estimateInputTokens({ messages: [{ role: 'user', content: 'word '.repeat(40_000) }] });
    expect(whole).toBe(3 + half - 3 + (500_000 - 200_000) / 4);
  });

  it('gives a tool schema too deeply nested to serialise no tokens instead of failing', async () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 10_000; depth++) schema = { type: 'object', properties: { next: schema } };
    const tools = [{ name: 'deep', input_schema: schema }];
    await expect(estimateInputTokens({ messages: [{ role: 'user', content: 'hi' }], tools })).resolves.toBeGreaterThan(0);
  });
});
