// Capability-aware conversion with the official SDKs as clients and the strict stub as the provider: the stub refuses
// what api.openai.com, DeepSeek and Anthropic refuse for the model named, so a 200 means the gateway shaped the request
// for the model that answers. Routes take their profile from the catalogue (by provider model name) and, where a host
// would supply it (api.openai.com, api.deepseek.com), from a provider override: the stub runs on loopback.
import Anthropic from '@anthropic-ai/sdk';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ serve: true, freshGateway: true });
let anthropic: Anthropic;
let openai: OpenAI;
const routes = { gpt5: uniqueName('gpt5'), gpt41: uniqueName('gpt41'), deepseek: uniqueName('deepseek'), sonnet: uniqueName('sonnet') };

/** What api.openai.com's host defaults give; the stub is on loopback, so the provider says it. */
const OPENAI_PLATFORM = { toolDescriptionMaxChars: 1024, structuredOutputs: 'strict' };

beforeAll(async () => {
  const platform = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1`, capabilityOverrides: OPENAI_PLATFORM });
  const deepseek = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1`, capabilityOverrides: { reasoningReplay: true } });
  const claude = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  await createModel({ name: routes.gpt5, providerId: platform.id, providerModelName: 'gpt-5' });
  await createModel({ name: routes.gpt41, providerId: platform.id, providerModelName: 'gpt-4.1' });
  await createModel({ name: routes.deepseek, providerId: deepseek.id, providerModelName: 'deepseek-reasoner' });
  await createModel({ name: routes.sonnet, providerId: claude.id, providerModelName: 'claude-sonnet-4-5' });
  const token = await createUserToken();
  anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
});

const sent = () => bed.stub.requests[bed.stub.requests.length - 1].body as Record<string, unknown>;

describe('Anthropic SDK → OpenAI-type routes with a profile', () => {
  it('thinking becomes reasoning_effort toward gpt-5, without the temperature it refuses', async () => {
    const message = await anthropic.messages.create({
      model: routes.gpt5,
      max_tokens: 4096,
      // Claude Code sends it; the SDK's types no longer list it.
      ...{ temperature: 1 },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Think, then answer.' }],
    });
    expect(message.content.some((block) => block.type === 'text')).toBe(true);
    expect(sent().reasoning_effort).toEqual(expect.any(String));
    expect(sent()).not.toHaveProperty('temperature');
    expect(sent()).not.toHaveProperty('max_tokens');
  });

  it('messages.parse with an optional field: a strict-compliant schema goes out and the client parses its own shape', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: '{"city":"Paris","country":null}' }] });
    const schema = z.object({ city: z.string(), country: z.string().optional() });
    const message = await anthropic.messages.parse({
      model: routes.gpt41,
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Where is the Louvre?' }],
      output_config: { format: zodOutputFormat(schema) },
    });
    expect(message.parsed_output).toEqual({ city: 'Paris' });
    const format = sent().response_format as { json_schema: { strict: boolean; schema: { required: string[] } } };
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.required.sort()).toEqual(['city', 'country']);
  });

  it('a 3,000-character tool description fits the 1,024 limit and the rest reaches the model in the system prompt', async () => {
    const description = `Runs a shell command. ${'Use it with care; quote paths with spaces. '.repeat(70)}END-OF-DESCRIPTION`;
    const message = await anthropic.messages.create({
      model: routes.gpt41,
      max_tokens: 256,
      tools: [{ name: 'Bash', description, input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
      messages: [{ role: 'user', content: 'List the files.' }],
    });
    expect(message.type).toBe('message');
    const tool = (sent().tools as { function: { description: string } }[])[0];
    expect(tool.function.description.length).toBeLessThanOrEqual(1024);
    const system = (sent().messages as { role: string; content: string }[]).find((entry) => entry.role === 'system');
    expect(system?.content).toContain('END-OF-DESCRIPTION');
  });

  it('earlier thinking of a tool-calling turn goes back as reasoning_content to DeepSeek, which refuses the turn without it', async () => {
    const message = await anthropic.messages.create({
      model: routes.deepseek,
      max_tokens: 256,
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'I should call the weather tool.', signature: '' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
      ],
    });
    expect(message.type).toBe('message');
    const assistant = (sent().messages as { role: string; reasoning_content?: string }[]).find((entry) => entry.role === 'assistant');
    expect(assistant?.reasoning_content).toBe('I should call the weather tool.');
  });

  it("Claude Code's per-session billing line is not sent to an OpenAI-type provider", async () => {
    await anthropic.messages.create({
      model: routes.gpt41,
      max_tokens: 64,
      system: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.0.abc; cc_entrypoint=cli;' },
        { type: 'text', text: 'You are Claude Code.' },
      ],
      messages: [{ role: 'user', content: 'hi' }],
    });
    const system = (sent().messages as { role: string; content: string }[]).find((entry) => entry.role === 'system');
    expect(system?.content).toContain('You are Claude Code.');
    expect(JSON.stringify(sent())).not.toContain('x-anthropic-billing-header');
  });
});

describe('model-level fallback on one provider, through the SDKs', () => {
  it('an overloaded sonnet falls back to haiku on the same provider: the Anthropic SDK streams haiku\'s answer', async () => {
    const name = uniqueName('claude');
    const provider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
    await createModel({ name, providerId: provider.id, providerModelName: 'claude-sonnet-4-5', priority: 0 });
    await createModel({ name, providerId: provider.id, providerModelName: 'claude-haiku-4-5', priority: 1 });
    bed.stub.enqueue({ kind: 'error', status: 529 }, { kind: 'completion', parts: [{ type: 'text', text: ['from ', 'haiku'] }] });
    const stream = anthropic.messages.stream({ model: name, max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([expect.objectContaining({ type: 'text', text: 'from haiku' })]);
    expect(bed.stub.requests.map((request) => (request.body as { model: string }).model)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
  });

  it('the OpenAI SDK gets the second route of the same provider when the first answers 429', async () => {
    const name = uniqueName('gpt');
    const provider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
    await createModel({ name, providerId: provider.id, providerModelName: 'gpt-4.1', priority: 0 });
    await createModel({ name, providerId: provider.id, providerModelName: 'gpt-4.1-mini', priority: 1 });
    bed.stub.enqueue({ kind: 'error', status: 429 });
    const completion = await openai.chat.completions.create({ model: name, messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toEqual(expect.any(String));
    expect(bed.stub.requests.map((request) => (request.body as { model: string }).model)).toEqual(['gpt-4.1', 'gpt-4.1-mini']);
  });
});

describe("the Anthropic SDK's tool runner over a message thread", () => {
  it('toward an OpenAI-type route: thread_unsupported_request, the runner goes on unthreaded, the provider sees whole turns', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'It is sunny in Paris.' }] });
    const asked: string[] = [];
    const runner = anthropic.beta.messages.toolRunner({
      model: routes.gpt41,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        betaTool({
          name: 'get_weather',
          description: 'Current weather of a city',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          run: ({ city }) => {
            asked.push(city);
            return `sunny in ${city}`;
          },
        }),
      ],
    });
    const final = await runner.runUntilDone();
    expect(asked).toEqual(['Paris']);
    expect(final.content).toEqual([expect.objectContaining({ type: 'text', text: 'It is sunny in Paris.' })]);
    // Both turns reached the provider whole: the tool result follows the assistant turn that called the tool.
    expect(bed.stub.requests).toHaveLength(2);
    const second = bed.stub.requests[1].body as { messages: { role: string; tool_calls?: unknown[]; tool_call_id?: string }[] };
    expect(second.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second.messages[1].tool_calls).toHaveLength(1);
  });

  it('toward an Anthropic-type route the thread passes through, with its beta header', async () => {
    const runner = anthropic.beta.messages.toolRunner({
      model: routes.sonnet,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello' }],
      tools: [betaTool({ name: 'noop', description: 'Does nothing', inputSchema: { type: 'object', properties: {} }, run: () => 'ok' })],
    });
    const final = await runner.runUntilDone();
    expect(final.content.length).toBeGreaterThan(0);
    expect(sent().thread).toMatchObject({ type: expect.any(String) });
    expect(String(bed.stub.requests[0].headers['anthropic-beta'])).toContain('message-threads-2026-08-12');
  });
});

describe('OpenAI SDK → Anthropic-type route', () => {
  it.each(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const)(
    'reasoning_effort "%s" becomes a thinking setting Claude accepts (none and minimal: off)',
    async (effort) => {
      const completion = await openai.chat.completions.create({
        model: routes.sonnet,
        max_completion_tokens: 2048,
        reasoning_effort: effort as OpenAI.ReasoningEffort,
        messages: [{ role: 'user', content: 'Answer briefly.' }],
      });
      expect(completion.choices[0].message.content).toContain('Answer briefly.');
      const thinking = sent().thinking as { type: string; budget_tokens?: number } | undefined;
      if (effort === 'none' || effort === 'minimal') expect(thinking).toBeUndefined();
      else {
        expect(thinking?.type).toBe('enabled');
        expect(thinking!.budget_tokens).toBeGreaterThanOrEqual(1024);
        expect(thinking!.budget_tokens).toBeLessThan(sent().max_tokens as number);
      }
    },
  );
});
