import { describe, expect, it } from 'vitest';
import { classifyAnthropicStart, classifyOpenAIStart } from '../../protocol/stream-start';
import { peekStream } from './stream-peek';
import { createRelayStream } from './stream-relay';
import { planTranslation } from './translation';
import { brokenReplyOf, parsedBody, replyOf, TEST_SETTINGS, testExchange, testRoute } from './relay-test-support';
import type { UpstreamReply } from '../upstream/upstream-client';

// The stream relay over upstream streams given as data: what the client reads, and the usage row it leaves.

const openaiChunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4 } })}\n\n`;

async function relay(reply: UpstreamReply, options: { clientProtocol?: 'openai' | 'anthropic'; heartbeatMs?: number; deadline?: AbortSignal } = {}) {
  const clientProtocol = options.clientProtocol ?? 'openai';
  const route = testRoute(1, 'openai');
  const body = clientProtocol === 'openai'
    ? parsedBody({ model: 'alias', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] })
    : parsedBody({ model: 'alias', stream: true, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  const kind = clientProtocol === 'openai' ? 'chat' : 'messages';
  const translation = planTranslation({ clientProtocol, kind, body, route, conversion: TEST_SETTINGS.conversion, warnings: [] });
  const peeked = await peekStream(reply, clientProtocol === 'openai' ? classifyOpenAIStart : classifyAnthropicStart);
  if (peeked.kind !== 'commit') throw new Error(`the stream did not commit: ${peeked.kind}`);
  const { exchange, rows } = testExchange(clientProtocol, true);
  exchange.beginAttempt(route);
  const stream = createRelayStream({
    reply,
    peeked,
    pipeline: translation.createStream(),
    exchange,
    clientProtocol,
    heartbeatMs: options.heartbeatMs ?? 0,
    estimateInputTokens: async () => 11,
    deadline: options.deadline ?? new AbortController().signal,
  });
  return { stream, rows };
}

/** Waits for the row: a stream that ended early is recorded once its input has been estimated. */
async function rowOf(rows: unknown[]) {
  for (let i = 0; i < 50 && rows.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return rows[0];
}

describe('createRelayStream', () => {
  it('relays a same-protocol stream byte for byte and bills the usage it reported', async () => {
    const chunks = [openaiChunk({ role: 'assistant', content: '' }), openaiChunk({ content: 'Hello' }), openaiChunk({}, 'stop'), usageChunk, 'data: [DONE]\n\n'];
    const { stream, rows } = await relay(replyOf(200, chunks));

    expect(await new Response(stream).text()).toBe(chunks.join(''));
    expect(await rowOf(rows)).toMatchObject({ status: 'ok', httpStatus: 200, errorType: null, inputTokens: 9, outputTokens: 4 });
  });

  it('an upstream that breaks mid-stream gets an error ending in the client\'s shape and a row billed from the streamed text', async () => {
    const { stream, rows } = await relay(brokenReplyOf([openaiChunk({ content: 'Hello world!' })]));

    const text = await new Response(stream).text();

    expect(text.startsWith(openaiChunk({ content: 'Hello world!' }))).toBe(true);
    expect(text).toContain('"error":{"message":"upstream stream failed: network error (ECONNRESET)"');
    expect(await rowOf(rows)).toMatchObject({ status: 'error', errorType: 'upstream_connection_lost', inputTokens: 11, outputTokens: 3 });
  });

  it('a stream that stops before its protocol\'s end is reported to the client and recorded as incomplete', async () => {
    const { stream, rows } = await relay(replyOf(200, [openaiChunk({ content: 'partial' })]));

    expect(await new Response(stream).text()).toContain('upstream stream ended before the message was complete');
    expect(await rowOf(rows)).toMatchObject({ status: 'error', errorType: 'upstream_incomplete' });
  });

  it('converts for a client of the other protocol: an Anthropic client gets Messages events from an OpenAI stream', async () => {
    const chunks = [openaiChunk({ role: 'assistant', content: 'Hi' }), openaiChunk({}, 'stop'), usageChunk, 'data: [DONE]\n\n'];
    const { stream, rows } = await relay(replyOf(200, chunks), { clientProtocol: 'anthropic' });

    const events = [...(await new Response(stream).text()).matchAll(/^event: (\S+)$/gm)].map((match) => match[1]);

    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(await rowOf(rows)).toMatchObject({ status: 'ok', inputTokens: 9, outputTokens: 4 });
  });

  it('a client that leaves cancels the upstream and leaves a client_disconnected row', async () => {
    const reply = replyOf(200, [openaiChunk({ content: 'one' }), openaiChunk({ content: 'two' })]);
    const { stream, rows } = await relay(reply);
    const reader = stream.getReader();

    await reader.read();
    await reader.cancel();

    expect(reply.body).toMatchObject({ destroyed: true });
    expect(await rowOf(rows)).toMatchObject({ status: 'error', errorType: 'client_disconnected' });
  });

  it('sends a keep-alive comment while the upstream is quiet', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield Buffer.from(openaiChunk({ content: 'first' }));
      await gate;
      yield Buffer.from(openaiChunk({}, 'stop'));
    }
    const { Readable } = await import('node:stream');
    const body = Object.assign(Readable.from(slow()), { text: async () => '' });
    const { stream } = await relay({ status: 200, headers: {}, body }, { heartbeatMs: 20 });
    const reader = stream.getReader();
    const decoder = new TextDecoder();

    expect(decoder.decode((await reader.read()).value)).toContain('first');
    expect(decoder.decode((await reader.read()).value)).toBe(': keep-alive\n\n');
    release();
    await reader.cancel();
  });

  it.each(['openai', 'anthropic'] as const)('ends a %s client\'s running stream at the shutdown deadline, in its protocol, billing what streamed', async (clientProtocol) => {
    let release: () => void = () => {};
    const never = new Promise<void>((resolve) => (release = resolve));
    async function* endless() {
      yield Buffer.from(openaiChunk({ role: 'assistant', content: 'Partial answer' }));
      await never;
    }
    const { Readable } = await import('node:stream');
    const body = Object.assign(Readable.from(endless()), { text: async () => '' });
    const deadline = new AbortController();
    const { stream, rows } = await relay({ status: 200, headers: {}, body }, { clientProtocol, deadline: deadline.signal });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);

    deadline.abort();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);

    expect(text).toContain('Partial answer');
    expect(text).toMatch(clientProtocol === 'openai' ? /data: \{"error":\{"message":"The gateway is shutting down/ : /event: error\n/);
    expect(await rowOf(rows)).toMatchObject({ status: 'error', errorType: 'shutting_down', outputTokens: 4 });
    release();
  });
});
