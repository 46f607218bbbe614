// Answers through the whole gateway core, streaming and not, for both client protocols against both provider
// types on loopback: stop reasons, streamed tool calls, usage (client-visible and billed), and how a stream
// ends when the provider reports an error or stops early (docs/CONVERSION.md §4, §5).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletionReply } from '../upstream-stub';
import {
  anthropicBlocks,
  blockText,
  callChat,
  callMessages,
  eventOf,
  openAIChoices,
  openAIText,
  openAIToolCalls,
  readSse,
  usageRowOf,
  type ClientEvent,
} from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ freshGateway: true });
let token: TokenFixture;
/** Model aliases by the client protocol → provider type they exercise. */
const models = {
  claude: uniqueName('claude-str'),
  gpt: uniqueName('gpt-str'),
};

beforeAll(async () => {
  const anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  const openaiProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  await createModel({ name: models.claude, providerId: anthropicProvider.id, inputPrice: '3', outputPrice: '15', cacheReadPrice: '0.3' });
  await createModel({ name: models.gpt, providerId: openaiProvider.id, inputPrice: '1', outputPrice: '2', cacheReadPrice: '0.5' });
  token = await createUserToken();
});

type Client = 'openai' | 'anthropic';
type Upstream = 'anthropic' | 'openai';

function call(client: Client, upstream: Upstream, body: Record<string, unknown> = {}): Promise<Response> {
  const model = upstream === 'anthropic' ? models.claude : models.gpt;
  const request = { model, messages: [{ role: 'user', content: 'hello' }], ...body };
  return client === 'openai' ? callChat(token.plaintext, request) : callMessages(token.plaintext, request);
}

const okText = { type: 'text' as const, text: ['Sure', ', here.'] };
const weatherCall = { type: 'tool_call' as const, name: 'get_weather', arguments: { city: 'Paris' } };

describe('every stop reason, Anthropic provider → OpenAI client', () => {
  const rows: [stopReason: string | null, finishReason: string][] = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['pause_turn', 'stop'],
    ['refusal', 'content_filter'],
    ['model_context_window_exceeded', 'length'],
    [null, 'stop'],
    ['a_future_reason', 'stop'],
  ];
  const cases = rows.flatMap(([stopReason, finishReason]) => [false, true].map((stream) => ({ stopReason, finishReason, stream })));

  it.each(cases)('$stopReason → $finishReason (stream: $stream)', async ({ stopReason, finishReason, stream }) => {
    const parts = stopReason === 'tool_use' ? [okText, weatherCall] : [okText];
    bed.stub.enqueue({ kind: 'completion', parts, stopReason, stopSequence: stopReason === 'stop_sequence' ? 'END' : undefined });
    const response = await call('openai', 'anthropic', { stream });
    expect(response.status).toBe(200);
    if (!stream) {
      expect((await response.json()).choices[0].finish_reason).toBe(finishReason);
      return;
    }
    const events = await readSse(response);
    const finishes = openAIChoices(events).flatMap((choice) => (choice.finish_reason ? [choice.finish_reason] : []));
    expect(finishes).toEqual([finishReason]);
    expect(openAIText(events)).toBe('Sure, here.');
    expect(events.at(-1)?.data).toBe('[DONE]');
  });
});

describe('every finish reason, OpenAI provider → Anthropic client', () => {
  const rows: { finishReason: string; stopReason: string; parts: CompletionReply['parts'] }[] = [
    { finishReason: 'stop', stopReason: 'end_turn', parts: [okText] },
    { finishReason: 'length', stopReason: 'max_tokens', parts: [okText] },
    { finishReason: 'tool_calls', stopReason: 'tool_use', parts: [okText, weatherCall] },
    { finishReason: 'function_call', stopReason: 'tool_use', parts: [weatherCall] },
    { finishReason: 'content_filter', stopReason: 'refusal', parts: [okText] },
    // Some vLLM and Ollama builds say `stop` after calling tools.
    { finishReason: 'stop', stopReason: 'tool_use', parts: [okText, weatherCall] },
  ];
  const cases = rows.flatMap((row) => [false, true].map((stream) => ({ ...row, stream })));

  it.each(cases)('$finishReason → $stopReason (stream: $stream)', async ({ finishReason, stopReason, parts, stream }) => {
    bed.stub.enqueue({ kind: 'completion', parts, finishReason });
    const response = await call('anthropic', 'openai', { stream });
    expect(response.status).toBe(200);
    if (!stream) {
      expect(await response.json()).toMatchObject({ stop_reason: stopReason, stop_sequence: null });
      return;
    }
    const events = await readSse(response);
    expect(eventOf(events, 'message_delta').delta).toEqual({ stop_reason: stopReason, stop_sequence: null });
    expect(events.at(-1)?.event).toBe('message_stop');
  });

  it.each([false, true])('an `error` finish is an upstream error, never a stop reason (stream: %s)', async (stream) => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], finishReason: 'error' });
    const response = await call('anthropic', 'openai', { stream });
    if (!stream) {
      // Every route failed: 502, in the Anthropic error shape.
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'api_error', message: expect.stringContaining('finish_reason "error"') } });
    } else {
      const events = await readSse(response);
      expect(events.at(-1)).toMatchObject({ event: 'error', json: { type: 'error', error: { type: 'api_error' } } });
      expect(events.some((event) => event.event === 'message_delta')).toBe(false);
    }
    expect((await usageRowOf(response)).status).toBe('error');
  });
});

describe('parallel tool calls, streamed', () => {
  const parts: CompletionReply['parts'] = [
    { type: 'text', text: 'Checking.' },
    weatherCall,
    { type: 'tool_call', name: 'get_time', arguments: { tz: 'Europe/Paris', format: '24h' } },
    { type: 'tool_call', name: 'ping', arguments: '' },
  ];

  it('Anthropic provider → OpenAI client: tool indices 0..k-1 after text, id and name once, arguments reassembling to JSON', async () => {
    bed.stub.enqueue({ kind: 'completion', parts });
    const events = await readSse(await call('openai', 'anthropic', { stream: true }));
    const choices = openAIChoices(events);
    expect(choices.every((choice) => choice.index === 0)).toBe(true);
    const toolDeltas = choices.flatMap((choice) => choice.delta.tool_calls ?? []);
    const openings = toolDeltas.filter((delta) => delta.id !== undefined);
    expect(openings).toEqual([0, 1, 2].map((index) => ({ index, id: expect.any(String), type: 'function', function: { name: expect.any(String), arguments: '' } })));
    for (const continuation of toolDeltas.filter((delta) => delta.id === undefined)) {
      expect(Object.keys(continuation).sort()).toEqual(['function', 'index']);
      expect(Object.keys(continuation.function ?? {})).toEqual(['arguments']);
    }
    const calls = openAIToolCalls(events);
    expect(new Set(calls.map((toolCall) => toolCall.id)).size).toBe(3);
    expect(calls.map((toolCall) => [toolCall.name, JSON.parse(toolCall.arguments)])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_time', { tz: 'Europe/Paris', format: '24h' }],
      ['ping', {}],
    ]);
    expect(openAIText(events)).toBe('Checking.');
    expect(choices.at(-1)?.finish_reason).toBe('tool_calls');
  });

  it('OpenAI provider → Anthropic client: each call its own tool_use block, input_json_delta reassembling to JSON', async () => {
    bed.stub.enqueue({ kind: 'completion', parts });
    const events = await readSse(await call('anthropic', 'openai', { stream: true }));
    const blocks = anthropicBlocks(events);
    expect(blocks.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use', 'tool_use']);
    expect(blockText(blocks[0])).toBe('Checking.');
    const tools = blocks.slice(1);
    expect(tools.map((block) => block.start)).toEqual(
      ['get_weather', 'get_time', 'ping'].map((name) => ({ type: 'tool_use', id: expect.any(String), name, input: {} })),
    );
    expect(new Set(tools.map((block) => block.start.id)).size).toBe(3);
    expect(tools.map((block) => JSON.parse(blockText(block) || '{}'))).toEqual([{ city: 'Paris' }, { tz: 'Europe/Paris', format: '24h' }, {}]);
    expect(eventOf(events, 'message_delta').delta).toMatchObject({ stop_reason: 'tool_use' });
  });

  it('OpenAI provider interleaving the arguments of parallel calls: each fragment reaches its own block', async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      data: { id: 'chatcmpl-interleave', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] },
    });
    bed.stub.enqueue({
      kind: 'sse',
      events: [
        chunk({ role: 'assistant', content: null }),
        chunk({
          tool_calls: [
            { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
            { index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{"tz":"UTC"}' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
        chunk({}, 'tool_calls'),
        { data: { id: 'chatcmpl-interleave', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } } },
        { data: '[DONE]' },
      ],
    });
    const events = await readSse(await call('anthropic', 'openai', { stream: true }));
    const blocks = anthropicBlocks(events);
    expect(blocks.map((block) => [block.start.id, JSON.parse(blockText(block))])).toEqual([
      ['call_a', { city: 'Oslo' }],
      ['call_b', { tz: 'UTC' }],
    ]);
    expect(eventOf(events, 'message_delta').usage).toMatchObject({ input_tokens: 9, output_tokens: 4 });
  });
});

describe('thinking, streamed', () => {
  it('Anthropic provider → OpenAI client: thinking as reasoning_content, the signature never in content or reasoning', async () => {
    bed.stub.enqueue({
      kind: 'completion',
      parts: [{ type: 'thinking', thinking: ['Plan ', 'first.'], signature: 'sig-secret-xyz' }, okText],
    });
    const events = await readSse(await call('openai', 'anthropic', { stream: true, reasoning_effort: 'low' }));
    const choices = openAIChoices(events);
    expect(choices.map((choice) => choice.delta.reasoning_content ?? '').join('')).toBe('Plan first.');
    expect(openAIText(events)).toBe('Sure, here.');
    expect(events.map((event) => event.data).join('\n')).not.toContain('sig-secret-xyz');
    expect(bed.stub.requests[0].body?.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
  });

  it('Anthropic provider → Anthropic client: thinking_delta then signature_delta in the same block, untouched', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'thinking', thinking: 'Plan.', signature: 'sig-kept' }, okText] });
    const blocks = anthropicBlocks(await readSse(await call('anthropic', 'anthropic', { stream: true, thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2048 })));
    expect(blocks[0].type).toBe('thinking');
    expect(blockText(blocks[0])).toBe('Plan.');
    expect(blocks[0].deltas.at(-1)).toEqual({ type: 'signature_delta', signature: 'sig-kept' });
  });
});

describe('usage in streams', () => {
  const usage = { input: 100, output: 20, cacheRead: 300, cacheWrite: 50 };

  it('Anthropic client ← Anthropic provider: real input_tokens in message_start, final counts in message_delta', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], usage });
    const events = await readSse(await call('anthropic', 'anthropic', { stream: true }));
    expect((eventOf(events, 'message_start').message as { usage: unknown }).usage).toMatchObject({
      input_tokens: 100,
      cache_read_input_tokens: 300,
      cache_creation_input_tokens: 50,
    });
    expect(eventOf(events, 'message_delta').usage).toMatchObject({ output_tokens: 20 });
  });

  it('Anthropic client ← OpenAI provider: final counts, cache reads split out of the prompt, in message_delta', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], usage });
    const events = await readSse(await call('anthropic', 'openai', { stream: true }));
    // The OpenAI provider reports prompt_tokens 450 of which 300 cached; it cannot report the cache write.
    expect(eventOf(events, 'message_delta').usage).toEqual({
      input_tokens: 150,
      output_tokens: 20,
      cache_read_input_tokens: 300,
      cache_creation_input_tokens: 0,
    });
  });

  const includeUsageCases = (['anthropic', 'openai'] as const).flatMap((upstream) => [true, false].map((includeUsage) => ({ upstream, includeUsage })));

  it.each(includeUsageCases)('OpenAI client ← $upstream provider, include_usage $includeUsage', async ({ upstream, includeUsage }) => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], usage });
    const events = await readSse(await call('openai', upstream, { stream: true, ...(includeUsage && { stream_options: { include_usage: true } }) }));
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => event.json ?? {});
    const withUsage = chunks.filter((chunk) => chunk.usage !== undefined && chunk.usage !== null);
    if (!includeUsage) {
      expect(withUsage).toEqual([]);
      expect(chunks.every((chunk) => Array.isArray(chunk.choices) && chunk.choices.length === 1)).toBe(true);
      return;
    }
    expect(withUsage).toHaveLength(1);
    expect(chunks.at(-1)).toBe(withUsage[0]);
    expect(withUsage[0].choices).toEqual([]);
    expect(withUsage[0].usage).toMatchObject({
      prompt_tokens: 450,
      completion_tokens: 20,
      total_tokens: 470,
      prompt_tokens_details: { cached_tokens: 300 },
    });
    // OpenAI sends usage: null on every chunk before the usage chunk.
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
  });
});

describe('usage with cached tokens: what the client sees and the usage row', () => {
  const usage = { input: 100, output: 20, cacheRead: 300, cacheWrite: 50 };

  it.each([false, true])('OpenAI client ← Anthropic provider (stream: %s)', async (stream) => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], usage, anthropicDeltaUsage: 'full' });
    const response = await call('openai', 'anthropic', { stream, stream_options: stream ? { include_usage: true } : undefined });
    const clientUsage = stream ? (await readSse(response)).at(-2)?.json?.usage : (await response.json()).usage;
    // prompt_tokens includes cache reads and writes; the raw cache counts ride along for billing.
    expect(clientUsage).toEqual({
      prompt_tokens: 450,
      completion_tokens: 20,
      total_tokens: 470,
      prompt_tokens_details: { cached_tokens: 300 },
      cache_read_input_tokens: 300,
      cache_creation_input_tokens: 50,
    });
    const row = await usageRowOf(response);
    expect(row).toMatchObject({
      status: 'ok',
      stream,
      clientProtocol: 'openai',
      upstreamProtocol: 'anthropic',
      inputTokens: 100,
      outputTokens: 20,
      cacheReadTokens: 300,
      cacheCreationTokens: 50,
    });
    // ((100 + 50) × 3 + 300 × 0.3) / 1M input, 20 × 15 / 1M output
    expect([row.inputCost.toString(), row.outputCost.toString(), row.totalCost.toString()]).toEqual(['0.00054', '0.0003', '0.00084']);
  });

  it.each([false, true])('Anthropic client ← OpenAI provider (stream: %s)', async (stream) => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], usage });
    const response = await call('anthropic', 'openai', { stream });
    const clientUsage = stream ? eventOf(await readSse(response), 'message_delta').usage : (await response.json()).usage;
    expect(clientUsage).toEqual({ input_tokens: 150, output_tokens: 20, cache_read_input_tokens: 300, cache_creation_input_tokens: 0 });
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'ok', stream, inputTokens: 150, outputTokens: 20, cacheReadTokens: 300, cacheCreationTokens: 0 });
    // (150 × 1 + 300 × 0.5) / 1M input, 20 × 2 / 1M output
    expect([row.inputCost.toString(), row.outputCost.toString(), row.totalCost.toString()]).toEqual(['0.0003', '0.00004', '0.00034']);
  });

  it.each([false, true])('Anthropic client ← Anthropic provider, message_delta repeating every counter is not double-counted (stream: %s)', async (stream) => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], usage, anthropicDeltaUsage: 'full' });
    const response = await call('anthropic', 'anthropic', { stream });
    await response.text();
    expect(await usageRowOf(response)).toMatchObject({ status: 'ok', inputTokens: 100, outputTokens: 20, cacheReadTokens: 300, cacheCreationTokens: 50 });
  });
});

const pairs = [
  { client: 'openai', upstream: 'anthropic' },
  { client: 'anthropic', upstream: 'openai' },
  { client: 'openai', upstream: 'openai' },
  { client: 'anthropic', upstream: 'anthropic' },
] as const;

/** The client-visible error that ended the stream, in the client's own protocol. */
function streamError(client: Client, events: ClientEvent[]): { message: string; type: string } {
  const last = events.at(-1);
  if (client === 'anthropic') {
    expect(last?.event).toBe('error');
    expect(last?.json).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
    return last?.json?.error as { message: string; type: string };
  }
  expect(last?.event).toBeUndefined();
  expect(last?.json).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
  return last?.json?.error as { message: string; type: string };
}

/** What a client must never see after a broken stream: a finish that pretends the answer was complete. */
function expectNoFabricatedFinish(client: Client, events: ClientEvent[]) {
  if (client === 'openai') {
    expect(openAIChoices(events).filter((choice) => choice.finish_reason !== null)).toEqual([]);
    expect(events.some((event) => event.data === '[DONE]')).toBe(false);
  } else {
    expect(events.filter((event) => event.event === 'message_delta' || event.event === 'message_stop')).toEqual([]);
  }
}

function clientText(client: Client, events: ClientEvent[]): string {
  return client === 'openai' ? openAIText(events) : anthropicBlocks(events, { complete: false }).map(blockText).join('');
}

describe('an upstream error event in the middle of a stream', () => {
  it.each(pairs)('$client client ← $upstream provider: the content so far, then an error event in the client protocol', async ({ client, upstream }) => {
    bed.stub.enqueue({
      kind: 'completion',
      parts: [{ type: 'text', text: ['one ', 'two ', 'three'] }],
      streamError: { afterDeltas: 2, message: 'Overloaded mid-answer' },
    });
    const response = await call(client, upstream, { stream: true });
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(clientText(client, events.slice(0, -1))).toBe('one two ');
    expect(streamError(client, events).message).toContain('Overloaded mid-answer');
    expectNoFabricatedFinish(client, events);
    expect(bed.stub.requests).toHaveLength(1);
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', stream: true, httpStatus: 200, attempts: 1 });
    expect(row.errorType).toMatch(/^upstream_/);
  });
});

describe('an upstream stream that ends without a finish reason', () => {
  it.each(pairs)('$client client ← $upstream provider: a well-formed error ending, never a fabricated stop', async ({ client, upstream }) => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['cut ', 'short'] }], truncate: 'before-finish' });
    const response = await call(client, upstream, { stream: true });
    const events = await readSse(response);
    expect(clientText(client, events.slice(0, -1))).toBe('cut short');
    streamError(client, events);
    expectNoFabricatedFinish(client, events);
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', stream: true });
    expect(row.errorType).toMatch(/^upstream_/);
  });

  it('OpenAI provider whose finish chunk says finish_reason null: an error ending for the Anthropic client', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [okText], finishReason: null });
    const events = await readSse(await call('anthropic', 'openai', { stream: true }));
    expect(streamError('anthropic', events).type).toBe('api_error');
    expectNoFabricatedFinish('anthropic', events);
  });
});
