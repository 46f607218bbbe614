// How the bytes go out: frame shapes, split and byte-by-byte writes, delays, cut connections and scripted endings.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUpstreamStub, type UpstreamStub } from './index';
import { anthropicBody, anthropicHeaders, openAiBody, parseSse, postRaw } from './raw-client';
import type { CompletionReply } from './types';

let stub: UpstreamStub;
let anthropicUrl: string;
let openAiUrl: string;

beforeAll(async () => {
  stub = await startUpstreamStub();
  anthropicUrl = `${stub.url}/v1/messages`;
  openAiUrl = `${stub.url}/v1/chat/completions`;
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const mixedReply: CompletionReply = {
  kind: 'completion',
  parts: [
    { type: 'thinking', thinking: 'Plan it.' },
    { type: 'text', text: 'Here you go.' },
    { type: 'tool_call', name: 'lookup', arguments: { q: 'stub' } },
  ],
};

const anthropicStream = () => postRaw(anthropicUrl, anthropicBody({ stream: true }), anthropicHeaders);
const openAiStream = (extra: Record<string, unknown> = {}) => postRaw(openAiUrl, openAiBody({ stream: true, ...extra }));

describe('stream frames', () => {
  it('names every Anthropic event after its data.type, with a ping after the first block opens', async () => {
    stub.enqueue(mixedReply);
    const response = await anthropicStream();
    const events = parseSse(response.text);

    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    expect(events.slice(0, 3).map((event) => event.event)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(events.slice(-2).map((event) => event.event)).toEqual(['message_delta', 'message_stop']);
    const deltaTypes = events.filter((event) => event.event === 'content_block_delta').map((event) => JSON.parse(event.data).delta.type);
    expect(new Set(deltaTypes)).toEqual(new Set(['thinking_delta', 'signature_delta', 'text_delta', 'input_json_delta']));
  });

  it('ends an OpenAI stream with the finish chunk, the usage-only chunk (when asked) and [DONE]', async () => {
    stub.enqueue(mixedReply);
    const events = parseSse((await openAiStream({ stream_options: { include_usage: true } })).text);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));

    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    const opening = chunks.find((chunk) => chunk.choices[0]?.delta.tool_calls)?.choices[0].delta.tool_calls[0];
    expect(opening).toEqual({ index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'lookup', arguments: '' } });
  });

  it('streams the default answer in exactly the configured number of chunks, in both protocols', async () => {
    const bench = await startUpstreamStub({ streamChunks: 100 });
    try {
      const openAi = parseSse((await postRaw(`${bench.url}/v1/chat/completions`, openAiBody({ stream: true }))).text);
      const contents = openAi.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data).choices[0]?.delta.content);
      expect(contents.filter((content) => typeof content === 'string' && content !== '')).toHaveLength(100);
      const anthropic = parseSse((await postRaw(`${bench.url}/v1/messages`, anthropicBody({ stream: true }), anthropicHeaders)).text);
      expect(anthropic.filter((event) => event.data.includes('text_delta')).length).toBe(100);
    } finally {
      await bench.close();
    }
  });

  it('writes raw SSE events verbatim', async () => {
    stub.enqueue({ kind: 'sse', events: [{ comment: 'keep-alive' }, { event: 'custom', data: { a: 1 }, id: '7' }, 'data: raw\r\n\r\n'] });
    const response = await openAiStream();
    expect(response.text).toBe(': keep-alive\n\nid: 7\nevent: custom\ndata: {"a":1}\n\ndata: raw\r\n\r\n');
  });
});

describe('scripted endings', () => {
  it('puts an Anthropic overloaded_error event before anything else when asked', async () => {
    stub.enqueue({ kind: 'completion', streamError: { atStart: true } });
    const events = parseSse((await anthropicStream()).text);
    expect(events).toEqual([{ event: 'error', data: expect.stringContaining('"type":"overloaded_error"') }]);
  });

  it('truncates before the finish: no finish_reason, no message_delta, no end marker', async () => {
    stub.enqueue({ kind: 'completion', truncate: 'before-finish' }, { kind: 'completion', truncate: 'before-finish' });
    const openAi = (await openAiStream()).text;
    expect(openAi).not.toMatch(/"finish_reason":"|\[DONE\]/);
    expect(openAi).toContain('"content":"Echo: "');
    const anthropic = parseSse((await anthropicStream()).text).map((event) => event.event);
    expect(anthropic).not.toContain('message_delta');
    expect(anthropic.at(-1)).toBe('content_block_stop');
  });

  it('truncates before the end marker only: the finish is there, [DONE] and message_stop are not', async () => {
    stub.enqueue({ kind: 'completion', truncate: 'before-end' }, { kind: 'completion', truncate: 'before-end' });
    const openAi = (await openAiStream()).text;
    expect(openAi).toContain('"finish_reason":"stop"');
    expect(openAi).not.toContain('[DONE]');
    expect(parseSse((await anthropicStream()).text).at(-1)?.event).toBe('message_delta');
  });
});

describe('delivery', () => {
  it('splits an SSE event across TCP writes at the chosen offsets, and the SDK parses the same message', async () => {
    const client = new Anthropic({ baseURL: stub.url, apiKey: 'x', maxRetries: 0 });
    // A fixed tool id: generated ones number each answer.
    const fixedTool = { type: 'tool_call' as const, id: 'toolu_fixed', name: 'lookup', arguments: { q: 'stub' } };
    const reply: CompletionReply = { ...mixedReply, parts: [...(mixedReply.parts ?? []).slice(0, 2), fixedTool] };
    stub.enqueue(reply);
    const whole = await client.messages.stream(anthropicBody() as Anthropic.MessageCreateParams).finalMessage();

    const splitAt = [5, 60, 333, 334, 700];
    stub.enqueue({ ...reply, delivery: { splitAt } }, { ...reply, delivery: { splitAt } });
    const raw = await anthropicStream();
    expect(raw.reads.slice(0, 2)).toEqual([raw.text.slice(0, 5), raw.text.slice(5, 60)]);
    const split = await client.messages.stream(anthropicBody() as Anthropic.MessageCreateParams).finalMessage();
    expect({ ...split, id: whole.id }).toEqual(whole);
  });

  it('writes every byte separately when asked, and the SDK still assembles the completion', async () => {
    const client = new OpenAI({ baseURL: `${stub.url}/v1`, apiKey: 'x', maxRetries: 0 });
    stub.enqueue({ ...mixedReply, delivery: { byteByByte: true } });
    const final = await client.chat.completions
      .stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'bytes' }], stream_options: { include_usage: true } })
      .finalChatCompletion();

    expect(final.choices[0].message.content).toBe('Here you go.');
    expect(final.choices[0].message.tool_calls?.[0]).toMatchObject({ function: { name: 'lookup', arguments: '{"q":"stub"}' } });
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('waits before the first byte and between frames', async () => {
    stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['a', 'b', 'c'] }], delivery: { firstByteDelayMs: 150, chunkDelayMs: 40 } });
    const started = Date.now();
    const response = await openAiStream();
    const elapsed = Date.now() - started;
    // 150 ms, then 6 frames (role, 3 deltas, finish, [DONE]) with 5 gaps of 40 ms.
    expect(elapsed).toBeGreaterThanOrEqual(150 + 5 * 40 - 10);
    expect(response.reads.length).toBeGreaterThanOrEqual(6);
  });

  it('destroys the connection after the n-th content delta and records it as the stub hanging up', async () => {
    stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'one two three four' }], delivery: { destroyAfterDeltas: 2 } });
    const client = new OpenAI({ baseURL: `${stub.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'cut' }] });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));

    await expect(stream.finalChatCompletion()).rejects.toThrow();
    expect(deltas).toEqual(['one ', 'two ']);
    expect(await (await stub.nextRequest()).settled).toBe('hung-up');
  });

  it('hangs up without any response for a hang-up reply', async () => {
    stub.enqueue({ kind: 'hang-up' });
    await expect(postRaw(anthropicUrl, anthropicBody(), anthropicHeaders)).rejects.toThrow(/socket hang up|ECONNRESET/);
    const recorded = await stub.nextRequest();
    expect([await recorded.settled, recorded.status]).toEqual(['hung-up', undefined]);
  });
});
