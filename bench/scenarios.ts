// The measured scenarios: what is sent where, which process serves it, and what a complete, correct answer looks
// like. AxonGate's own (b to e), the stub alone (a, a-stream) and the two references of issue 13: the Portkey gateway
// and a bare node:http → undici proxy (bench/bare-proxy.ts), in front of the same stub.
import type { LoadRequest } from './load-generator';
import type { GatewaySeed } from './seed';

export const SCENARIO_IDS = ['a', 'a-stream', 'b', 'c', 'd', 'e', 'bare-c', 'bare-e', 'portkey-c', 'portkey-d', 'portkey-e'] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** The process whose CPU time a scenario's requests cost: AxonGate's server (also for the stub-direct ones, idle then) or a reference. */
export type ServerRole = 'gateway' | 'bare' | 'portkey';

export const REFERENCE_SCENARIOS: Record<Exclude<ServerRole, 'gateway'>, ScenarioId[]> = {
  bare: ['bare-c', 'bare-e'],
  portkey: ['portkey-c', 'portkey-d', 'portkey-e'],
};

export type Scenario = {
  id: ScenarioId;
  title: string;
  server: ServerRole;
  request: LoadRequest;
  /** A full check of one answer before the load starts; returns what is wrong, or null. */
  verify(body: string): string | null;
};

/** Chunks the stub streams per answer (`--stream-chunks`); every streamed scenario must deliver all of them. */
export const STREAM_CHUNKS = 100;

/** The OpenAI client's request of (c) and (d): a system prompt and one user turn, as SDKs send them. */
export function buildChatBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a terse assistant.' },
      { role: 'user', content: 'Say hello to the benchmark.' },
    ],
    max_tokens: 256,
    ...(stream ? { stream: true } : {}),
  });
}

/** The Anthropic client's streamed request of (e): the same conversation in the Messages API's shape. */
export function buildMessagesBody(model: string): string {
  return JSON.stringify({
    model,
    system: 'You are a terse assistant.',
    messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
    max_tokens: 256,
    stream: true,
  });
}

/**
 * The framework floor without a route of its own in the app: a POST to the GET-only `/api/health` takes Next's
 * whole route-handler path (routing, request adaptation, async storages, sending the answer), and Next itself
 * answers 405 from its built-in handler, so no app code and no database runs. The body is (c)'s, so both
 * receive the same bytes.
 */
export function floorScenario(serverUrl: string): Scenario {
  return {
    id: 'b',
    title: "floor: Next's own 405 on a route",
    server: 'gateway',
    request: {
      origin: serverUrl,
      path: '/api/health',
      headers: { 'content-type': 'application/json' },
      body: buildChatBody('bench-floor', false),
      check: { status: 405, marker: '', markerIn: 'body' },
    },
    verify: (body) => (body === '' ? null : `unexpected floor answer: ${body.slice(0, 200)}`),
  };
}

/** The three answers a scenario can expect: where it is sent, the check under load, the full check before it. */
const ANSWERS = {
  completion: {
    path: '/v1/chat/completions',
    check: { status: 200, marker: '"choices"', markerIn: 'body' },
    verify: verifyOpenAICompletion,
  },
  openaiStream: {
    path: '/v1/chat/completions',
    check: { status: 200, marker: 'data: [DONE]', markerIn: 'tail' },
    verify: verifyOpenAIStream,
  },
  anthropicStream: {
    path: '/v1/messages',
    check: { status: 200, marker: 'message_stop', markerIn: 'tail' },
    verify: verifyAnthropicStream,
  },
} as const;

function scenario(
  fields: Pick<Scenario, 'id' | 'title' | 'server'>,
  answer: keyof typeof ANSWERS,
  request: { origin: string; headers: Record<string, string>; body: string },
): Scenario {
  const { path, check, verify } = ANSWERS[answer];
  return { ...fields, request: { ...request, path, check: { ...check } }, verify };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const ANTHROPIC_VERSION = { 'anthropic-version': '2023-06-01' };

/** (c), (d) and (e): AxonGate's pass-through, converted stream and same-protocol stream, with the user token. */
export function gatewayScenarios(serverUrl: string, seed: GatewaySeed): [chat: Scenario, converted: Scenario, sameProtocol: Scenario] {
  const openaiClient = { ...JSON_TYPE, authorization: `Bearer ${seed.userToken}` };
  const anthropicClient = { ...JSON_TYPE, ...ANTHROPIC_VERSION, 'x-api-key': seed.userToken };
  const server = 'gateway';
  return [
    scenario({ id: 'c', title: 'gateway: OpenAI → OpenAI-type', server }, 'completion', {
      origin: serverUrl,
      headers: openaiClient,
      body: buildChatBody(seed.openaiModel, false),
    }),
    scenario({ id: 'd', title: `gateway: OpenAI → Anthropic, stream ${STREAM_CHUNKS}`, server }, 'openaiStream', {
      origin: serverUrl,
      headers: openaiClient,
      body: buildChatBody(seed.anthropicModel, true),
    }),
    scenario({ id: 'e', title: `gateway: Anthropic → Anthropic, stream ${STREAM_CHUNKS}`, server }, 'anthropicStream', {
      origin: serverUrl,
      headers: anthropicClient,
      body: buildMessagesBody(seed.anthropicModel),
    }),
  ];
}

/**
 * The stub answering, directly, the very requests the gateway sent it in (c) and (d) (replayed from its request
 * log with the provider key), so the difference to (c) and (d) is the gateway and nothing else.
 */
export function stubScenarios(stubUrl: string, upstream: { chatBody: string; messagesBody: string; providerKey: string }): [chat: Scenario, stream: Scenario] {
  const server = 'gateway';
  return [
    scenario({ id: 'a', title: 'stub direct: chat completion', server }, 'completion', {
      origin: stubUrl,
      headers: { ...JSON_TYPE, authorization: `Bearer ${upstream.providerKey}` },
      body: upstream.chatBody,
    }),
    scenario({ id: 'a-stream', title: `stub direct: Anthropic stream ${STREAM_CHUNKS}`, server }, 'anthropicStream', {
      origin: stubUrl,
      headers: { ...JSON_TYPE, ...ANTHROPIC_VERSION, 'x-api-key': upstream.providerKey },
      body: upstream.messagesBody,
    }),
  ];
}

/** The upstream's model names and key: the references have no model routes or tokens of their own. */
export type ReferenceUpstream = { stubUrl: string; providerKey: string; openaiModel: string; anthropicModel: string };

/** The bare proxy in front of the stub: the clients' requests of (c) and (e), with the provider's names and key. */
export function bareProxyScenarios(proxyUrl: string, upstream: ReferenceUpstream): Scenario[] {
  const server = 'bare';
  return [
    scenario({ id: 'bare-c', title: 'bare proxy: OpenAI → OpenAI', server }, 'completion', {
      origin: proxyUrl,
      headers: { ...JSON_TYPE, authorization: `Bearer ${upstream.providerKey}` },
      body: buildChatBody(upstream.openaiModel, false),
    }),
    scenario({ id: 'bare-e', title: `bare proxy: Anthropic → Anthropic, stream ${STREAM_CHUNKS}`, server }, 'anthropicStream', {
      origin: proxyUrl,
      headers: { ...JSON_TYPE, ...ANTHROPIC_VERSION, 'x-api-key': upstream.providerKey },
      body: buildMessagesBody(upstream.anthropicModel),
    }),
  ];
}

/**
 * The Portkey gateway in front of the stub: the clients' requests of (c), (d) and (e), routed by Portkey's headers
 * (`x-portkey-provider`, and `x-portkey-custom-host` for the provider's base URL) with the provider key as the
 * client's own key, which is how its open-source gateway is used. For (d) Portkey converts, as AxonGate does: an
 * OpenAI chat request to its `anthropic` provider goes upstream as a Messages request.
 */
export function portkeyScenarios(portkeyUrl: string, upstream: ReferenceUpstream): Scenario[] {
  const route = (provider: string) => ({ ...JSON_TYPE, 'x-portkey-provider': provider, 'x-portkey-custom-host': `${upstream.stubUrl}/v1` });
  const openaiClient = { authorization: `Bearer ${upstream.providerKey}` };
  const server = 'portkey';
  return [
    scenario({ id: 'portkey-c', title: 'Portkey: OpenAI → OpenAI', server }, 'completion', {
      origin: portkeyUrl,
      headers: { ...route('openai'), ...openaiClient },
      body: buildChatBody(upstream.openaiModel, false),
    }),
    scenario({ id: 'portkey-d', title: `Portkey: OpenAI → Anthropic, stream ${STREAM_CHUNKS}`, server }, 'openaiStream', {
      origin: portkeyUrl,
      headers: { ...route('anthropic'), ...openaiClient },
      body: buildChatBody(upstream.anthropicModel, true),
    }),
    scenario({ id: 'portkey-e', title: `Portkey: Anthropic → Anthropic, stream ${STREAM_CHUNKS}`, server }, 'anthropicStream', {
      origin: portkeyUrl,
      headers: { ...route('anthropic'), ...ANTHROPIC_VERSION, 'x-api-key': upstream.providerKey },
      body: buildMessagesBody(upstream.anthropicModel),
    }),
  ];
}

function verifyOpenAICompletion(body: string): string | null {
  const json = parseJson(body);
  const choices = json?.choices;
  const first = Array.isArray(choices) ? (choices[0] as Record<string, unknown> | undefined) : undefined;
  const message = first?.message as Record<string, unknown> | undefined;
  if (typeof message?.content !== 'string' || message.content === '') return `no assistant text in: ${body.slice(0, 200)}`;
  if (!json?.usage) return 'no usage in the completion';
  return null;
}

function verifyOpenAIStream(body: string): string | null {
  const data = sseData(body);
  if (data.at(-1) !== '[DONE]') return 'the stream does not end with data: [DONE]';
  const textChunks = data.slice(0, -1).filter((payload) => {
    const choice = (parseJson(payload)?.choices as Record<string, unknown>[] | undefined)?.[0];
    const delta = choice?.delta as Record<string, unknown> | undefined;
    return typeof delta?.content === 'string' && delta.content !== '';
  });
  if (textChunks.length !== STREAM_CHUNKS) return `expected ${STREAM_CHUNKS} text chunks, got ${textChunks.length}`;
  return null;
}

function verifyAnthropicStream(body: string): string | null {
  const events = sseData(body).map(parseJson);
  if (events.at(-1)?.type !== 'message_stop') return 'the stream does not end with message_stop';
  const deltas = events.filter((event) => event?.type === 'content_block_delta');
  if (deltas.length !== STREAM_CHUNKS) return `expected ${STREAM_CHUNKS} content_block_delta events, got ${deltas.length}`;
  return null;
}

/** The `data:` payloads of an SSE body, in order. */
function sseData(body: string): string[] {
  return body
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim());
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
