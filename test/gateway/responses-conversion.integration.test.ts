// The Responses API on routes that do not serve it, with the official OpenAI SDK as the client: an Anthropic-type
// route (Responses → Chat → Messages) and a chat-only OpenAI-type route (Responses → Chat). The strict stub speaks
// each target's wire format; a 200 means the gateway sent what that provider takes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { flushTestUsage, useFreshTestGateway } from '../helpers/test-gateway';
import { db } from '../../lib/db';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: { usage: { input: 12, output: 7, cacheRead: 0, cacheWrite: 0 } }, serve: true, freshGateway: true });
let token: TokenFixture;
let openai: OpenAI;
const routes = { claude: uniqueName('resp-claude'), chatOnly: uniqueName('resp-chat') };

const APPLY_PATCH = {
  type: 'custom' as const,
  name: 'apply_patch',
  description: 'Use the `apply_patch` tool to edit files.',
  format: { type: 'grammar' as const, syntax: 'lark' as const, definition: 'start: begin_patch hunk+ end_patch' },
};
const WEATHER = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

beforeAll(async () => {
  const anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  // A compatible server on loopback: chat only, as the host defaults say for anything that is not api.openai.com.
  const chatProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  await createModel({ name: routes.claude, providerId: anthropicProvider.id, providerModelName: 'claude-sonnet-4-5' });
  await createModel({ name: routes.chatOnly, providerId: chatProvider.id, providerModelName: 'qwen3-coder' });
  token = await createUserToken();
  openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
});

const lastSent = () => bed.stub.requests[bed.stub.requests.length - 1];

describe.each([
  { kind: 'Anthropic-type', model: () => routes.claude, path: '/v1/messages' },
  { kind: 'chat-only OpenAI-type', model: () => routes.chatOnly, path: '/v1/chat/completions' },
])('Responses client → $kind route', ({ model, path }) => {
  it('responses.create: instructions become the system prompt, the answer is a message item with usage', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Bonjour.' }] });
    const response = await openai.responses.create({ model: model(), instructions: 'Answer in French.', input: 'Hello', max_output_tokens: 64 });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Bonjour.');
    expect(response.model).toBe(model());
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 7, total_tokens: 19 });
    expect(lastSent().path).toBe(path);
    expect(JSON.stringify(lastSent().body)).toContain('Answer in French.');
    await flushTestUsage();
    expect(await db.usage.findFirst({ where: { userTokenId: token.id, modelName: model() }, orderBy: { id: 'desc' } })).toMatchObject({
      clientProtocol: 'openai',
      status: 'ok',
      inputTokens: 12,
      outputTokens: 7,
    });
  });

  it('responses.stream(): text deltas in order, and finalResponse() has the whole text', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['one ', 'two ', 'three'] }] });
    const stream = openai.responses.stream({ model: model(), input: 'Count', max_output_tokens: 64 });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(text).toBe('one two three');
    expect(final.output_text).toBe('one two three');
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
    expect(types.slice(-4)).toEqual(['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
  });

  it('a function tool loop: the call comes back as a function_call item, its output goes up as the tool result', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const first = await openai.responses.create({ model: model(), input: 'Weather in Paris?', tools: [WEATHER], max_output_tokens: 64 });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: JSON.stringify({ city: 'Paris' }) });
    if (call?.type !== 'function_call') throw new Error('no function call');

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Sunny.' }] });
    const second = await openai.responses.create({
      model: model(),
      tools: [WEATHER],
      max_output_tokens: 64,
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny, 21 °C' },
      ],
    });
    expect(second.output_text).toBe('Sunny.');
    expect(JSON.stringify(lastSent().body)).toContain('sunny, 21 °C');
    expect(JSON.stringify(lastSent().body)).toContain(call.call_id);
  });

  it("Codex's apply_patch (a free-form tool) comes back as a custom_tool_call with the raw input, streamed too", async () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch';
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'apply_patch', arguments: { input: patch } }] });
    const response = await openai.responses.create({ model: model(), input: 'Create hello.txt', tools: [APPLY_PATCH], max_output_tokens: 256 });
    expect(response.output.find((item) => item.type === 'custom_tool_call')).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: patch });

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'apply_patch', arguments: { input: patch } }] });
    const stream = openai.responses.stream({ model: model(), input: 'Create hello.txt', tools: [APPLY_PATCH], max_output_tokens: 256 });
    const final = await stream.finalResponse();
    expect(final.output.find((item) => item.type === 'custom_tool_call')).toMatchObject({ name: 'apply_patch', input: patch, status: 'completed' });
  });

  it('an input_image reaches the model as an image of its own protocol', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'A dot.' }] });
    const response = await openai.responses.create({
      model: model(),
      max_output_tokens: 64,
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: pixel, detail: 'auto' }] }],
    });
    expect(response.output_text).toBe('A dot.');
    const body = JSON.stringify(lastSent().body);
    expect(body).toContain(path === '/v1/messages' ? '"media_type":"image/png"' : '"image_url":{"url":"data:image/png');
  });

  it('the token limit is status incomplete with max_output_tokens', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'cut' }], stop: 'length' });
    const response = await openai.responses.create({ model: model(), input: 'Write a lot', max_output_tokens: 16 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('a stream the upstream breaks mid-way ends with response.failed, never a fake completion', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['partial ', 'text ', 'more'] }], delivery: { destroyAfterDeltas: 2 } });
    const stream = openai.responses.stream({ model: model(), input: 'Go', max_output_tokens: 64 });
    const events: { type: string; response?: { status: string; error: { message: string } | null } }[] = [];
    for await (const event of stream) events.push(event as (typeof events)[number]);
    expect(events.map((event) => event.type)).not.toContain('response.completed');
    expect(events.at(-1)).toMatchObject({ type: 'response.failed', response: { status: 'failed', error: { message: expect.stringContaining('ended before') } } });
    expect((await stream.finalResponse()).status).toBe('failed');
  });
});

describe("Claude's thinking across the turns of a Responses tool loop", () => {
  it('comes back as a reasoning item with encrypted_content, which carries the signature back to Claude', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'thinking', thinking: 'I need the weather tool.', signature: 'sig-weather' }, { type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const request = { model: routes.claude, tools: [WEATHER], max_output_tokens: 4096, reasoning: { effort: 'medium' as const, summary: 'auto' as const }, include: ['reasoning.encrypted_content' as const], store: false };
    const stream = openai.responses.stream({ ...request, input: 'Weather in Paris?' });
    const first = await stream.finalResponse();
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    const call = first.output.find((item) => item.type === 'function_call');
    expect(reasoning).toMatchObject({ summary: [{ type: 'summary_text', text: 'I need the weather tool.' }], encrypted_content: expect.any(String) });
    expect(first.output.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    if (reasoning?.type !== 'reasoning' || call?.type !== 'function_call') throw new Error('missing items');

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Sunny.' }] });
    const second = await openai.responses.create({
      ...request,
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'reasoning', id: reasoning.id, summary: reasoning.summary, encrypted_content: reasoning.encrypted_content },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
      ],
    });
    expect(second.output_text).toBe('Sunny.');
    const assistant = (lastSent().body as { messages: { role: string; content: { type: string; signature?: string }[] }[] }).messages[1];
    expect(assistant.role).toBe('assistant');
    expect(assistant.content[0]).toMatchObject({ type: 'thinking', thinking: 'I need the weather tool.', signature: 'sig-weather' });
    expect(assistant.content[1]).toMatchObject({ type: 'tool_use', name: 'get_weather' });
  });
});

describe('stored responses on a converted route', () => {
  it('store (the default) keeps the answer: retrieve, input_items, previous_response_id continues, delete', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Sunny today.' }] });
    const first = await openai.responses.create({ model: routes.claude, input: 'Weather today?', max_output_tokens: 64 });
    expect((await openai.responses.retrieve(first.id)).output_text).toBe('Sunny today.');
    const items = await openai.responses.inputItems.list(first.id);
    expect(items.data).toMatchObject([{ type: 'message', role: 'user', content: 'Weather today?' }]);

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Rain tomorrow.' }] });
    const second = await openai.responses.create({ model: routes.claude, previous_response_id: first.id, input: 'And tomorrow?', max_output_tokens: 64 });
    expect(second.output_text).toBe('Rain tomorrow.');
    const messages = (lastSent().body as { messages: { role: string; content: unknown }[] }).messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(messages)).toContain('Sunny today.');

    const streamed = openai.responses.stream({ model: routes.claude, previous_response_id: second.id, input: 'Thanks', max_output_tokens: 64 });
    const third = await streamed.finalResponse();
    expect((await openai.responses.retrieve(third.id)).id).toBe(third.id);
    expect((await openai.responses.inputItems.list(third.id, { order: 'asc' })).data).toHaveLength(5);

    expect(await openai.responses.delete(first.id)).toMatchObject({ id: first.id, deleted: true });
    await expect(openai.responses.retrieve(first.id)).rejects.toMatchObject({ status: 404 });
  });

  it("another token's response, an unknown id and a store: false answer are 404 in the Responses shape", async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'mine' }] });
    const mine = await openai.responses.create({ model: routes.claude, input: 'hi', max_output_tokens: 16 });
    const other = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: (await createUserToken()).plaintext, maxRetries: 0 });
    await expect(other.responses.retrieve(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.responses.create({ model: routes.claude, previous_response_id: mine.id, input: 'x' })).rejects.toMatchObject({
      status: 404,
      error: { message: `Previous response with id '${mine.id}' not found.` },
    });
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'forgotten' }] });
    const unstored = await openai.responses.create({ model: routes.claude, input: 'hi', store: false, max_output_tokens: 16 });
    await expect(openai.responses.retrieve(unstored.id)).rejects.toMatchObject({ status: 404 });
    expect(bed.stub.requests).toHaveLength(2);
  });
});

describe('responses kept by a native route’s provider', () => {
  it('GET and DELETE of an id the gateway did not keep ask the native Responses providers, 404 when none knows it', async () => {
    const seen: string[] = [];
    const native = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      if (req.url?.startsWith('/v1/responses/resp_native_1')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.method === 'DELETE' ? { id: 'resp_native_1', object: 'response', deleted: true } : { id: 'resp_native_1', object: 'response', status: 'completed', output: [] }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } }));
    });
    await new Promise<void>((resolve) => native.listen(0, '127.0.0.1', resolve));
    try {
      const provider = await createProvider({ type: 'openai', apiUrl: `http://127.0.0.1:${(native.address() as AddressInfo).port}/v1`, capabilityOverrides: { openaiApis: 'both' } });
      await createModel({ name: uniqueName('native-resp'), providerId: provider.id, providerModelName: 'gpt-5' });
      useFreshTestGateway();
      expect(await openai.responses.retrieve('resp_native_1')).toMatchObject({ id: 'resp_native_1', status: 'completed' });
      expect(await openai.responses.delete('resp_native_1')).toMatchObject({ deleted: true });
      await expect(openai.responses.retrieve('resp_nobody_knows')).rejects.toMatchObject({ status: 404 });
      expect(seen[0]).toBe(`GET /v1/responses/resp_native_1 Bearer ${provider.keys[0].key}`);
      expect(seen.some((line) => line.includes(token.plaintext))).toBe(false);
    } finally {
      native.close();
    }
  });
});
