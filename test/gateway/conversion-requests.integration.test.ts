// Request conversion through the whole gateway core: what a client sends, and what the provider on loopback
// receives (docs/CONVERSION.md §2 and §3), plus the headers that may and may not reach it.
import { beforeAll, describe, expect, it } from 'vitest';
import { anthropicBlocks, blockText, callChat, callMessages, readSse } from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type ProviderFixture, type TokenFixture } from './fixtures';
import { useFreshTestGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ freshGateway: true });
let token: TokenFixture;
let anthropicProvider: ProviderFixture;
let openaiProvider: ProviderFixture;
const claude = uniqueName('claude-req');
const gpt = uniqueName('gpt-req');

beforeAll(async () => {
  anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  openaiProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  await createModel({ name: claude, providerId: anthropicProvider.id });
  await createModel({ name: gpt, providerId: openaiProvider.id });
  token = await createUserToken();
});

/** Sends as an OpenAI client to the Anthropic-type route and returns the body the provider received. */
async function sentToAnthropic(body: Record<string, unknown>) {
  const response = await callChat(token.plaintext, { model: claude, ...body });
  expect(response.status, await response.clone().text()).toBe(200);
  await response.text();
  expect(bed.stub.requests).toHaveLength(1);
  expect(bed.stub.requests[0].path).toBe('/v1/messages');
  return bed.stub.requests[0].body ?? {};
}

/** Sends as an Anthropic client to the OpenAI-type route and returns the body the provider received. */
async function sentToOpenAI(body: Record<string, unknown>) {
  const response = await callMessages(token.plaintext, { model: gpt, ...body });
  expect(response.status, await response.clone().text()).toBe(200);
  await response.text();
  expect(bed.stub.requests).toHaveLength(1);
  expect(bed.stub.requests[0].path).toBe('/v1/chat/completions');
  return bed.stub.requests[0].body ?? {};
}

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('OpenAI client → Anthropic-type provider: request mapping', () => {
  it('hoists every system and developer message, in order, into system blocks and keeps cache_control', async () => {
    const sent = await sentToAnthropic({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Cite sources.', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'system', content: '' },
        { role: 'developer', content: 'Answer in French from now on.' },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(sent.system).toEqual([
      { type: 'text', text: 'You are terse.' },
      { type: 'text', text: 'Cite sources.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Answer in French from now on.' },
    ]);
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
  });

  it('keeps a multi-turn conversation in order and merges consecutive same-role turns', async () => {
    const sent = await sentToAnthropic({
      stream: true,
      messages: [
        { role: 'user', content: 'one' },
        { role: 'user', content: 'two' },
        { role: 'assistant', content: 'three' },
        { role: 'user', content: 'four' },
        { role: 'assistant', content: '' },
        { role: 'assistant', content: 'five' },
        { role: 'user', content: 'six' },
      ],
    });
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'three' }] },
      { role: 'user', content: [{ type: 'text', text: 'four' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'five' }] },
      { role: 'user', content: [{ type: 'text', text: 'six' }] },
    ]);
    expect(sent.stream).toBe(true);
    expect(sent).not.toHaveProperty('stream_options');
  });

  it('sends a data-URL image as a base64 source and an http URL image as a url source, without detail', async () => {
    const sent = await sentToAnthropic({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://images.example.com/cat.jpg', detail: 'low' } },
          ],
        },
      ],
    });
    expect(sent.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
          { type: 'image', source: { type: 'url', url: 'https://images.example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('sends parallel tool calls as tool_use blocks and several tool results as ONE user turn, results first', async () => {
    const sent = await sentToAnthropic({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'functions.get_weather:1', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_paris', content: 'Sunny, 24°C' },
        { role: 'tool', tool_call_id: 'functions.get_weather:1', content: [{ type: 'text', text: 'Error: no station in Rome' }] },
        { role: 'user', content: 'Summarize.' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'auto',
      parallel_tool_calls: false,
    });
    const [, assistant, results] = sent.messages as { role: string; content: Record<string, unknown>[] }[];
    expect(assistant.content).toEqual([
      { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: expect.stringMatching(/^[a-zA-Z0-9_-]+$/), name: 'get_weather', input: {} },
    ]);
    const romeId = assistant.content[1].id;
    expect(results).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_paris', content: 'Sunny, 24°C' },
        { type: 'tool_result', tool_use_id: romeId, content: [{ type: 'text', text: 'Error: no station in Rome' }] },
        { type: 'text', text: 'Summarize.' },
      ],
    });
    expect(sent.messages).toHaveLength(3);
    expect(sent.tools).toEqual([{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);
    expect(sent.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
  });

  it('sends the configured default max_tokens when the client gives none, and the client value otherwise', async () => {
    useFreshTestGateway({ settings: { conversion: { defaultMaxTokens: 1234, toolDescriptionOverflow: 'move-to-system', stripBillingHeader: true } } });
    try {
      expect((await sentToAnthropic({ messages: [{ role: 'user', content: 'x' }] })).max_tokens).toBe(1234);
      bed.stub.reset();
      expect((await sentToAnthropic({ max_completion_tokens: 77, max_tokens: 99, messages: [{ role: 'user', content: 'x' }] })).max_tokens).toBe(77);
    } finally {
      useFreshTestGateway();
    }
  });

  it.each([false, true])('rejects n > 1 with a 400 in the OpenAI error shape (stream: %s) without calling the provider', async (stream) => {
    const response = await callChat(token.plaintext, { model: claude, n: 3, stream, messages: [{ role: 'user', content: 'x' }] });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'n', message: expect.stringMatching(/^n:/) });
    expect(body.error).toHaveProperty('code');
    expect(bed.stub.requests).toHaveLength(0);
  });

  it('returns signed thinking to the client and sends it back first in the tool-calling turn', async () => {
    bed.stub.enqueue({
      kind: 'completion',
      parts: [
        { type: 'thinking', thinking: 'Need the weather tool.', signature: 'sig-weather-1' },
        { type: 'tool_call', id: 'toolu_01weather', name: 'get_weather', arguments: { city: 'Paris' } },
      ],
    });
    const first = await callChat(token.plaintext, { model: claude, reasoning_effort: 'low', messages: [{ role: 'user', content: 'Weather?' }] });
    const message = (await first.json()).choices[0].message;
    expect(message.reasoning_content).toBe('Need the weather tool.');
    expect(message.thinking_blocks).toEqual([{ type: 'thinking', thinking: 'Need the weather tool.', signature: 'sig-weather-1' }]);
    expect(message.content).toBeNull();
    expect(bed.stub.requests[0].body?.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });

    bed.stub.reset();
    const sent = await sentToAnthropic({
      reasoning_effort: 'low',
      messages: [{ role: 'user', content: 'Weather?' }, message, { role: 'tool', tool_call_id: 'toolu_01weather', content: 'Sunny' }],
    });
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect((sent.messages as { content: unknown[] }[])[1].content).toEqual([
      { type: 'thinking', thinking: 'Need the weather tool.', signature: 'sig-weather-1' },
      { type: 'tool_use', id: 'toolu_01weather', name: 'get_weather', input: { city: 'Paris' } },
    ]);
  });

  it('drops thinking for a tool loop whose client discarded the signed block, instead of sending an invalid turn', async () => {
    const sent = await sentToAnthropic({
      reasoning_effort: 'medium',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_02', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'toolu_02', content: 'Sunny' },
      ],
    });
    expect(sent).not.toHaveProperty('thinking');
    expect(JSON.stringify(sent.messages)).not.toContain('"thinking"');
  });
});

describe('Anthropic client → OpenAI-type provider: request mapping', () => {
  it('joins several system blocks into one leading system message without cache_control', async () => {
    const sent = await sentToOpenAI({
      system: [
        { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Cite sources.' },
      ],
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'text', text: 'Hel' }, { type: 'text', text: 'lo.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
    });
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You are terse.\nCite sources.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'Again' },
    ]);
    expect(JSON.stringify(sent)).not.toContain('cache_control');
    expect(sent.max_completion_tokens).toBe(256);
  });

  it('sends a base64 image as a data URL and a URL image as its URL', async () => {
    const sent = await sentToOpenAI({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
            { type: 'image', source: { type: 'url', url: 'https://images.example.com/cat.jpg' } },
            { type: 'text', text: 'Compare these.' },
          ],
        },
      ],
    });
    expect(sent.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          { type: 'image_url', image_url: { url: 'https://images.example.com/cat.jpg' } },
          { type: 'text', text: 'Compare these.' },
        ],
      },
    ]);
  });

  it('sends tool_use as tool_calls and each tool_result (is_error marked) as its own tool message before the user text', async () => {
    const sent = await sentToOpenAI({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Two calls.', signature: 'sig-never-forwarded' },
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'toolu_paris', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_rome', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here you go.' },
            { type: 'tool_result', tool_use_id: 'toolu_paris', content: 'Sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_rome', is_error: true, content: [{ type: 'text', text: 'station offline' }] },
          ],
        },
      ],
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(sent.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking both.',
        tool_calls: [
          { id: 'toolu_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_rome', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_paris', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'toolu_rome', content: '[tool error] station offline' },
      { role: 'user', content: 'Here you go.' },
    ]);
    expect(sent.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    ]);
    expect(sent.tool_choice).toBe('required');
    expect(sent.parallel_tool_calls).toBe(false);
    expect(JSON.stringify(sent)).not.toMatch(/sig-never-forwarded|Two calls/);
  });

  it('turns upstream reasoning into a thinking block before the text, streaming and not', async () => {
    const parts = [
      { type: 'thinking' as const, thinking: 'Let me think.' },
      { type: 'text' as const, text: 'Done.' },
    ];
    bed.stub.enqueue({ kind: 'completion', parts }, { kind: 'completion', parts });
    const message = await (await callMessages(token.plaintext, { model: gpt, messages: [{ role: 'user', content: 'x' }] })).json();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: '' },
      { type: 'text', text: 'Done.' },
    ]);
    const blocks = anthropicBlocks(await readSse(await callMessages(token.plaintext, { model: gpt, stream: true, messages: [{ role: 'user', content: 'x' }] })));
    expect(blocks.map((block) => [block.type, blockText(block)])).toEqual([
      ['thinking', 'Let me think.'],
      ['text', 'Done.'],
    ]);
  });
});

describe('Anthropic client → Anthropic-type provider: thinking signatures', () => {
  it('passes signed thinking through both ways: history to the provider, signature_delta to the client', async () => {
    const model = uniqueName('claude-sig');
    await createModel({ name: model, providerId: anthropicProvider.id });
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'thinking', thinking: 'Hmm.', signature: 'sig-fresh' }, { type: 'text', text: 'Yes.' }] });
    const history = [
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'Earlier.', signature: 'sig-earlier' }, { type: 'text', text: 'A1' }] },
      { role: 'user', content: 'Q2' },
    ];
    const events = await readSse(await callMessages(token.plaintext, { model, stream: true, thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2048, messages: history }));
    expect(bed.stub.requests[0].body?.messages).toEqual(history);
    const [thinking] = anthropicBlocks(events);
    expect(thinking.deltas).toContainEqual({ type: 'signature_delta', signature: 'sig-fresh' });
  });
});

describe('headers toward the provider', () => {
  const clientHeaders = {
    cookie: 'session=client-cookie',
    'x-forwarded-for': '203.0.113.9',
    'x-real-ip': '203.0.113.9',
    'user-agent': 'client-sdk/2.0',
    'x-custom-client': 'not-forwarded',
  };

  it('OpenAI client → Anthropic provider: provider key in x-api-key, anthropic-version added, nothing of the client but the allow-list', async () => {
    await (await callChat(token.plaintext, { model: claude, messages: [{ role: 'user', content: 'x' }] }, clientHeaders)).text();
    const { headers } = bed.stub.requests[0];
    expect(headers['x-api-key']).toBe(anthropicProvider.keys[0].key);
    expect(headers['anthropic-version']).toBe('2023-06-01');
    expect(headers['user-agent']).toBe('client-sdk/2.0');
    expect(headers.authorization).toBeUndefined();
    for (const name of ['cookie', 'x-forwarded-for', 'x-real-ip', 'x-custom-client']) expect(headers[name]).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(token.plaintext);
  });

  it('Anthropic client → OpenAI provider: provider key as Bearer, no Anthropic headers, no client token', async () => {
    await (await callMessages(token.plaintext, { model: gpt, messages: [{ role: 'user', content: 'x' }] }, { ...clientHeaders, 'anthropic-beta': 'tools-2024' })).text();
    const { headers } = bed.stub.requests[0];
    expect(headers.authorization).toBe(`Bearer ${openaiProvider.keys[0].key}`);
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers['anthropic-version']).toBeUndefined();
    expect(headers['anthropic-beta']).toBeUndefined();
    for (const name of ['cookie', 'x-forwarded-for', 'x-real-ip', 'x-custom-client']) expect(headers[name]).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(token.plaintext);
  });

  it('an Anthropic client that sends its own anthropic-version keeps it; the client token sent as Bearer never leaves', async () => {
    const model = uniqueName('claude-hdr');
    await createModel({ name: model, providerId: anthropicProvider.id });
    await (
      await callMessages(token.plaintext, { model, messages: [{ role: 'user', content: 'x' }] }, { 'anthropic-version': '2024-01-01', authorization: `Bearer ${token.plaintext}` })
    ).text();
    const { headers } = bed.stub.requests[0];
    expect(headers['anthropic-version']).toBe('2024-01-01');
    expect(headers['x-api-key']).toBe(anthropicProvider.keys[0].key);
    expect(JSON.stringify(headers)).not.toContain(token.plaintext);
  });
});
