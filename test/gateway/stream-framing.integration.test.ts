// SSE framing through the whole gateway core: the provider's stream split across two TCP writes at every byte
// offset (inside `data:`, inside a multi-byte character, between the two newlines that end an event) must
// give the client exactly the stream it gets when nothing is split.
import { beforeAll, describe, expect, it } from 'vitest';
import { lastUserText } from '../upstream-stub/completion';
import type { CompletionReply } from '../upstream-stub';
import { callChat, callMessages, stableStreamText } from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ freshGateway: true });
let token: TokenFixture;
const claude = uniqueName('claude-split');
const gpt = uniqueName('gpt-split');

beforeAll(async () => {
  const anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  const openaiProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  await createModel({ name: claude, providerId: anthropicProvider.id });
  await createModel({ name: gpt, providerId: openaiProvider.id });
  token = await createUserToken();
});

/** A short answer whose bytes do not depend on the request: fixed model, parts and usage. */
const shortReply: CompletionReply = {
  kind: 'completion',
  model: 'stub-model',
  parts: [{ type: 'text', text: ['Hé', 'llo'] }],
  usage: { input: 12, output: 3, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
};

// Hand-written provider streams, as short as the protocols allow, so every offset can be tried quickly.
// The OpenAI one uses CRLF line ends and a keep-alive comment; both carry a two-byte "é".
const anthropicEvents = [
  { type: 'message_start', message: { id: 'msg_split', type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hé' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'llo' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } },
  { type: 'message_stop' },
].map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

const openAIChunk = (choice: Record<string, unknown> | null, usage?: Record<string, unknown>) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: choice ? [{ index: 0, ...choice }] : [], ...(usage && { usage }) })}\r\n\r\n`;
const openAIEvents = [
  openAIChunk({ delta: { role: 'assistant', content: '' }, finish_reason: null }),
  ': keep-alive\r\n\r\n',
  openAIChunk({ delta: { content: 'Hé' }, finish_reason: null }),
  openAIChunk({ delta: { content: 'llo' }, finish_reason: null }),
  openAIChunk({ delta: {}, finish_reason: 'stop' }),
  openAIChunk(null, { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 }),
  'data: [DONE]\r\n\r\n',
];

const converted = [
  { client: 'openai', upstream: 'anthropic', events: anthropicEvents },
  { client: 'anthropic', upstream: 'openai', events: openAIEvents },
] as const;

const pairs = [
  { client: 'openai', upstream: 'anthropic' },
  { client: 'anthropic', upstream: 'openai' },
  // Same protocol: raw bytes pass (Anthropic); events are re-written to drop the usage chunk (OpenAI).
  { client: 'openai', upstream: 'openai' },
  { client: 'anthropic', upstream: 'anthropic' },
] as const;

/** The request's user text tells the stub where to split, so requests can run concurrently. */
function ask(client: 'openai' | 'anthropic', upstream: 'openai' | 'anthropic', userText: string): Promise<Response> {
  const body = { model: upstream === 'anthropic' ? claude : gpt, stream: true, messages: [{ role: 'user', content: userText }] };
  return client === 'openai' ? callChat(token.plaintext, body) : callMessages(token.plaintext, body);
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

describe('an SSE event split across two TCP writes', () => {
  it.each(converted)('$client client ← $upstream provider: every split offset gives the unsplit stream', async ({ client, upstream, events }) => {
    bed.stub.handle(() => ({ kind: 'sse', events: [...events] }));
    const baseline = stableStreamText(await (await ask(client, upstream, 'baseline')).text());
    expect(baseline).toContain('Hé');
    expect(baseline).toMatch(/"finish_reason":"stop"|"stop_reason":"end_turn"/);

    bed.stub.handle((request) => {
      const offset = Number(lastUserText(request.body ?? {}).replace('split at ', ''));
      return { kind: 'sse', events: [...events], delivery: { splitAt: [offset], splitDelayMs: 1 } };
    });
    const length = Buffer.byteLength(events.join(''));
    const offsets = Array.from({ length: length - 1 }, (_, i) => i + 1);
    const mismatches: number[] = [];
    await inBatches(offsets, 16, async (offset) => {
      const text = stableStreamText(await (await ask(client, upstream, `split at ${offset}`)).text());
      if (text !== baseline) mismatches.push(offset);
    });
    expect(mismatches).toEqual([]);
    expect(bed.stub.requests).toHaveLength(length);
    // The gateway read every provider stream to its end: none was cut off by a framing mistake.
    expect(new Set(await Promise.all(bed.stub.requests.map((request) => request.settled)))).toEqual(new Set(['finished']));
  });

  it.each(pairs)('$client client ← $upstream provider: one byte per TCP write gives the unsplit stream', async ({ client, upstream }) => {
    bed.stub.handle(() => shortReply);
    const baseline = stableStreamText(await (await ask(client, upstream, 'baseline')).text());
    expect(baseline).toContain('Hé');
    bed.stub.handle(() => ({ ...shortReply, delivery: { byteByByte: true } }));
    expect(stableStreamText(await (await ask(client, upstream, 'bytes')).text())).toBe(baseline);
  });
});
