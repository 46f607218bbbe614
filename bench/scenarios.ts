// The five measured scenarios: what is sent where, and what a complete, correct answer looks like.
import type { LoadRequest } from './load-generator';
import type { GatewaySeed } from './seed';

export const SCENARIO_IDS = ['a', 'a-stream', 'b', 'c', 'd'] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export type Scenario = {
  id: ScenarioId;
  title: string;
  request: LoadRequest;
  /** A full check of one answer before the load starts; returns what is wrong, or null. */
  verify(body: string): string | null;
};

/** Chunks the stub streams per answer (`--stream-chunks`); (d) and (a-stream) must deliver all of them. */
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

export function gatewayScenarios(serverUrl: string, seed: GatewaySeed): Scenario[] {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${seed.userToken}` };
  return [
    {
      id: 'c',
      title: 'gateway: OpenAI → OpenAI-type',
      request: {
        origin: serverUrl,
        path: '/v1/chat/completions',
        headers,
        body: buildChatBody(seed.openaiModel, false),
        check: { status: 200, marker: '"choices"', markerIn: 'body' },
      },
      verify: verifyOpenAICompletion,
    },
    {
      id: 'd',
      title: `gateway: OpenAI → Anthropic, stream ${STREAM_CHUNKS}`,
      request: {
        origin: serverUrl,
        path: '/v1/chat/completions',
        headers,
        body: buildChatBody(seed.anthropicModel, true),
        check: { status: 200, marker: 'data: [DONE]', markerIn: 'tail' },
      },
      verify: verifyOpenAIStream,
    },
  ];
}

/**
 * The stub answering, directly, the very requests the gateway sent it in (c) and (d) (replayed from its request
 * log with the provider key), so the difference to (c) and (d) is the gateway and nothing else.
 */
export function stubScenarios(stubUrl: string, upstream: { chatBody: string; messagesBody: string; providerKey: string }): Scenario[] {
  return [
    {
      id: 'a',
      title: 'stub direct: chat completion',
      request: {
        origin: stubUrl,
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${upstream.providerKey}` },
        body: upstream.chatBody,
        check: { status: 200, marker: '"choices"', markerIn: 'body' },
      },
      verify: verifyOpenAICompletion,
    },
    {
      id: 'a-stream',
      title: `stub direct: Anthropic stream ${STREAM_CHUNKS}`,
      request: {
        origin: stubUrl,
        path: '/v1/messages',
        headers: { 'content-type': 'application/json', 'x-api-key': upstream.providerKey, 'anthropic-version': '2023-06-01' },
        body: upstream.messagesBody,
        check: { status: 200, marker: 'message_stop', markerIn: 'tail' },
      },
      verify: verifyAnthropicStream,
    },
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
