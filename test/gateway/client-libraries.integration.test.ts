// The Vercel AI SDK and LangChain as clients, each through the gateway to a route of the other protocol: what their
// own parsers make of the converted answers (text, streamed text, tool loops, usage) is what their users see.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatAnthropic } from '@langchain/anthropic';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: { usage: { input: 40, output: 10, cacheRead: 5, cacheWrite: 0 } }, serve: true, freshGateway: true });
let token: TokenFixture;
const claude = uniqueName('claude-lib');
const gpt = uniqueName('gpt-lib');

beforeAll(async () => {
  const anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  const openaiProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  await createModel({ name: claude, providerId: anthropicProvider.id });
  await createModel({ name: gpt, providerId: openaiProvider.id });
  token = await createUserToken();
});

const weatherParameters = { type: 'object' as const, properties: { city: { type: 'string' as const } }, required: ['city'] };

function weatherTool() {
  const calls: unknown[] = [];
  const getWeather = tool({
    description: 'Current weather in a city',
    inputSchema: jsonSchema<{ city: string }>(weatherParameters),
    execute: async (input) => {
      calls.push(input);
      return { forecast: 'sunny' };
    },
  });
  return { calls, tools: { get_weather: getWeather } };
}

function enqueueToolCallThenText() {
  bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
  bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['It is ', 'sunny.'] }] });
}

/** The tool result the client sent back in its second request, in either wire format. */
async function secondRequestCarriesToolResult() {
  await bed.stub.nextRequest();
  const second = await bed.stub.nextRequest();
  return JSON.stringify(second.body).includes('sunny');
}

describe('Vercel AI SDK', () => {
  it('openai.chat() → Anthropic-type route: text and usage', async () => {
    const openai = createOpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext });
    const result = await generateText({ model: openai.chat(claude), prompt: 'Hello there' });
    expect(result.text).toBe('Echo: Hello there');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBe(45);
    expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(5);
    expect(result.usage.outputTokens).toBe(10);
    expect((await bed.stub.nextRequest()).path).toBe('/v1/messages');
  });

  it('openai.chat() → Anthropic-type route: a streamed tool loop runs the tool and streams the answer', async () => {
    const openai = createOpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext });
    const { calls, tools } = weatherTool();
    enqueueToolCallThenText();
    const result = streamText({ model: openai.chat(claude), prompt: 'Weather in Paris?', tools, stopWhen: stepCountIs(2) });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('It is sunny.');
    expect(calls).toEqual([{ city: 'Paris' }]);
    expect((await result.steps).map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(await secondRequestCarriesToolResult()).toBe(true);
  });

  it("the default openai() provider (Responses API) → Anthropic-type route: a streamed tool loop, text and usage", async () => {
    const openai = createOpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext });
    const { calls, tools } = weatherTool();
    enqueueToolCallThenText();
    const result = streamText({ model: openai(claude), prompt: 'Weather in Paris?', tools, stopWhen: stepCountIs(2) });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('It is sunny.');
    expect(calls).toEqual([{ city: 'Paris' }]);
    expect((await result.steps).map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(await secondRequestCarriesToolResult()).toBe(true);
    expect(bed.stub.requests.every((request) => request.path === '/v1/messages')).toBe(true);
    const answered = await generateText({ model: openai(claude), prompt: 'Hello there' });
    expect(answered.text).toBe('Echo: Hello there');
    expect(answered.usage).toMatchObject({ inputTokens: 45, outputTokens: 10 });
  });

  it('anthropic() → OpenAI-type route: a tool loop, and streamed usage', async () => {
    const anthropic = createAnthropic({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext });
    const { calls, tools } = weatherTool();
    enqueueToolCallThenText();
    const looped = await generateText({ model: anthropic(gpt), maxOutputTokens: 1024, prompt: 'Weather in Paris?', tools, stopWhen: stepCountIs(2) });
    expect(looped.text).toBe('It is sunny.');
    expect(calls).toEqual([{ city: 'Paris' }]);
    expect(await secondRequestCarriesToolResult()).toBe(true);
    expect(bed.stub.requests.every((request) => request.path === '/v1/chat/completions')).toBe(true);

    const streamed = streamText({ model: anthropic(gpt), maxOutputTokens: 1024, prompt: 'Count tokens' });
    let text = '';
    for await (const delta of streamed.textStream) text += delta;
    expect(text).toBe('Echo: Count tokens');
    const usage = await streamed.usage;
    expect(usage.inputTokens).toBe(45);
    expect(usage.outputTokens).toBe(10);
  });
});

describe('LangChain', () => {
  it('ChatOpenAI → Anthropic-type route: invoke, bound tools and streamed usage', async () => {
    const model = new ChatOpenAI({ model: claude, apiKey: token.plaintext, configuration: { baseURL: `${bed.gatewayUrl}/v1` }, maxRetries: 0 });
    const answer = await model.invoke('Hello there');
    expect(answer.content).toBe('Echo: Hello there');
    expect(answer.usage_metadata).toMatchObject({ input_tokens: 45, output_tokens: 10 });

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const withTools = model.bindTools([{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: weatherParameters } }]);
    const toolAnswer = await withTools.invoke('Weather in Paris?');
    expect(toolAnswer.tool_calls).toMatchObject([{ name: 'get_weather', args: { city: 'Paris' } }]);

    let streamedText = '';
    let usage: AIMessageChunk['usage_metadata'];
    for await (const chunk of await model.stream('Stream this')) {
      streamedText += String(chunk.content);
      usage = chunk.usage_metadata ?? usage;
    }
    expect(streamedText).toBe('Echo: Stream this');
    expect(usage).toMatchObject({ input_tokens: 45, output_tokens: 10 });
  });

  it('ChatOpenAI with useResponsesApi → Anthropic-type route: invoke, bound tools and a stream', async () => {
    const model = new ChatOpenAI({ model: claude, apiKey: token.plaintext, configuration: { baseURL: `${bed.gatewayUrl}/v1` }, maxRetries: 0, useResponsesApi: true });
    const answer = await model.invoke('Hello there');
    expect(answer.text).toBe('Echo: Hello there');
    expect(answer.usage_metadata).toMatchObject({ input_tokens: 45, output_tokens: 10 });
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const withTools = model.bindTools([{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: weatherParameters } }]);
    expect((await withTools.invoke('Weather in Paris?')).tool_calls).toMatchObject([{ name: 'get_weather', args: { city: 'Paris' } }]);
    let streamedText = '';
    for await (const chunk of await model.stream('Stream this')) streamedText += chunk.text;
    expect(streamedText).toBe('Echo: Stream this');
    expect(bed.stub.requests.every((request) => request.path === '/v1/messages')).toBe(true);
  });

  it('ChatAnthropic → OpenAI-type route: streamed usage has the real input tokens, not 0', async () => {
    const model = new ChatAnthropic({ model: gpt, apiKey: token.plaintext, anthropicApiUrl: bed.gatewayUrl, maxRetries: 0 });
    let streamedText = '';
    let inputTokens = 0;
    let outputTokens = 0;
    for await (const chunk of await model.stream('Stream this')) {
      streamedText += typeof chunk.content === 'string' ? chunk.content : chunk.content.map((part) => ('text' in part ? part.text : '')).join('');
      // LangChain reports input tokens from message_start and output tokens from message_delta, one chunk each.
      inputTokens += chunk.usage_metadata?.input_tokens ?? 0;
      outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
    }
    expect(streamedText).toBe('Echo: Stream this');
    expect(inputTokens).toBeGreaterThan(0);
    expect(outputTokens).toBe(10);
  });
});
