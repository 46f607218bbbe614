// Keep-alive comments on quiet streams (docs/CONVERSION.md §5.5): they go out between events
// only, and the official SDKs read the stream around them.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { SseParser } from '../../lib/protocol/sse';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { useFreshTestGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const KEEP_ALIVE = ': keep-alive\n\n';

const bed = setUpGatewayTestbed({ serve: true, freshGateway: true });
let token: TokenFixture;
const claude = uniqueName('claude-beat');
const gpt = uniqueName('gpt-beat');

beforeAll(async () => {
  const anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  const openaiProvider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  await createModel({ name: claude, providerId: anthropicProvider.id });
  await createModel({ name: gpt, providerId: openaiProvider.id });
  token = await createUserToken();
});

const slowWords = { kind: 'completion' as const, parts: [{ type: 'text' as const, text: ['one ', 'two ', 'three'] }], delivery: { chunkDelayMs: 200 } };

function streamChat(model: string): Promise<string> {
  return fetch(`${bed.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'x' }] }),
  }).then((response) => response.text());
}

/** Every keep-alive in the text starts where an event has just ended (or at the very start). */
function keepAlivesSitBetweenEvents(text: string): boolean {
  for (let at = text.indexOf(KEEP_ALIVE); at !== -1; at = text.indexOf(KEEP_ALIVE, at + 1)) {
    if (at !== 0 && !text.slice(0, at).endsWith('\n\n')) return false;
  }
  return true;
}

describe('stream keep-alives', () => {
  it('a converted stream that goes quiet gets keep-alive comments between its events', async () => {
    useFreshTestGateway({ settings: { streamHeartbeatMs: 100 } });
    bed.stub.enqueue(slowWords);
    const text = await streamChat(claude);
    expect(text.split(KEEP_ALIVE).length - 1).toBeGreaterThanOrEqual(2);
    expect(keepAlivesSitBetweenEvents(text)).toBe(true);
    const events = new SseParser().push(text).filter((event) => event.data !== '[DONE]');
    const content = events.map((event) => JSON.parse(event.data).choices[0]?.delta?.content ?? '').join('');
    expect(content).toBe('one two three');
  });

  it('never cuts a pass-through event that arrives in two pieces', async () => {
    useFreshTestGateway({ settings: { streamHeartbeatMs: 50 } });
    // Where the upstream's third event starts, read off the same reply served straight to us.
    bed.stub.enqueue({ ...slowWords, delivery: {} });
    const direct = await fetch(`${bed.stub.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer stub' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    }).then((response) => response.text());
    let third = -1;
    for (let i = 0; i < 3; i++) third = direct.indexOf('data: ', third + 1);
    bed.stub.reset();
    bed.stub.enqueue({ ...slowWords, delivery: { chunkDelayMs: 200, splitAt: [third + 12], splitDelayMs: 300 } });

    const text = await streamChat(gpt);
    expect(text).toContain(KEEP_ALIVE);
    expect(keepAlivesSitBetweenEvents(text)).toBe(true);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('the official SDKs read a stream with keep-alives in it', async () => {
    useFreshTestGateway({ settings: { streamHeartbeatMs: 100 } });
    const openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    bed.stub.enqueue(slowWords);
    const completion = await openai.chat.completions.stream({ model: claude, messages: [{ role: 'user', content: 'x' }] }).finalChatCompletion();
    expect(completion.choices[0].message.content).toBe('one two three');

    const anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
    bed.stub.enqueue(slowWords);
    const message = await anthropic.messages.stream({ model: gpt, max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
    expect(message.content).toMatchObject([{ type: 'text', text: 'one two three' }]);
  });

  it('sends none when turned off', async () => {
    useFreshTestGateway({ settings: { streamHeartbeatMs: 0 } });
    bed.stub.enqueue(slowWords);
    expect(await streamChat(claude)).not.toContain('keep-alive');
  });
});
