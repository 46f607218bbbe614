import { expect } from 'vitest';
import { db } from '../../lib/db';
import { SseParser } from '../../lib/protocol/sse';
import { flushTestUsage, testGateway } from '../helpers/test-gateway';
import { jsonRequest } from './fixtures';

// Calls into the gateway core as each kind of client, and readers for what comes back: SSE events, the
// usage row of the exchange.

/** An OpenAI client (Bearer token) calling POST /v1/chat/completions. */
export function callChat(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return testGateway().handleChatCompletions(jsonRequest('/v1/chat/completions', body, { authorization: `Bearer ${token}`, ...headers }));
}

/** An Anthropic client (x-api-key) calling POST /v1/messages. */
export function callMessages(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return testGateway().handleMessages(jsonRequest('/v1/messages', { max_tokens: 256, ...body }, { 'x-api-key': token, 'anthropic-version': '2023-06-01', ...headers }));
}

export type ClientEvent = { event?: string; data: string; json: Record<string, unknown> | null };

/** Every SSE event of a client stream, with its data parsed when it is JSON (`[DONE]` is not). */
export function parseSse(text: string): ClientEvent[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()].map((event) => {
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(event.data) as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { event: event.event, data: event.data, json };
  });
}

export async function readSse(response: Response): Promise<ClientEvent[]> {
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return parseSse(await response.text());
}

/** The usage row the exchange left, once the batching recorder flushed it. */
export function usageRowOf(response: Response) {
  return usageRowFor(response.headers.get('x-request-id'));
}

/**
 * The usage row of a request id. A stream that ended early is recorded a moment after it closed (its input
 * tokens may be estimated first), so this waits for the row a little while.
 */
export async function usageRowFor(requestId: string | null) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    await flushTestUsage();
    const row = await db.usage.findUnique({ where: { requestId: requestId ?? '' } });
    if (row || Date.now() > deadline) return row ?? db.usage.findUniqueOrThrow({ where: { requestId: requestId ?? '' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** OpenAI chunks as the SDK would see them: the `choices[0]` of each JSON chunk (usage-only chunks have none). */
export type OpenAIChunkChoice = {
  delta: {
    content?: string | null;
    reasoning_content?: string;
    role?: string;
    tool_calls?: { index: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }[];
  };
  finish_reason: string | null;
  index: number;
};

export function openAIChoices(events: ClientEvent[]): OpenAIChunkChoice[] {
  return events.flatMap((event) => {
    const choices = event.json?.choices;
    return Array.isArray(choices) && choices.length > 0 ? [choices[0] as OpenAIChunkChoice] : [];
  });
}

/** The text a client assembles from an OpenAI stream. */
export function openAIText(events: ClientEvent[]): string {
  return openAIChoices(events)
    .map((choice) => choice.delta.content ?? '')
    .join('');
}

/** Tool calls reassembled the way the SDK does it: by `index`, arguments concatenated. */
export function openAIToolCalls(events: ClientEvent[]): { index: number; id?: string; name?: string; arguments: string }[] {
  const calls = new Map<number, { index: number; id?: string; name?: string; arguments: string }>();
  for (const choice of openAIChoices(events)) {
    for (const call of choice.delta.tool_calls ?? []) {
      const known = calls.get(call.index) ?? { index: call.index, arguments: '' };
      if (call.id) known.id = call.id;
      if (call.function?.name) known.name = call.function.name;
      known.arguments += call.function?.arguments ?? '';
      calls.set(call.index, known);
    }
  }
  return [...calls.values()].sort((a, b) => a.index - b.index);
}

type AnthropicBlock = { index: number; type: string; start: Record<string, unknown>; deltas: Record<string, unknown>[]; stopped: boolean };

/**
 * Anthropic content blocks rebuilt from the events, checking the invariants SDKs rely on on the way: each
 * start's index is the number of blocks before it, deltas match their block's type and arrive while it is open.
 */
export function anthropicBlocks(events: ClientEvent[], { complete = true } = {}): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = [];
  const deltaTypes: Record<string, string> = { text: 'text_delta', thinking: 'thinking_delta', tool_use: 'input_json_delta' };
  for (const { event, json } of events) {
    if (!json) continue;
    expect(json.type).toBe(event);
    if (event === 'content_block_start') {
      expect(json.index).toBe(blocks.length);
      const start = json.content_block as Record<string, unknown>;
      blocks.push({ index: json.index as number, type: start.type as string, start, deltas: [], stopped: false });
    } else if (event === 'content_block_delta' || event === 'content_block_stop') {
      const block = blocks[json.index as number];
      expect(block, `${event} for unknown index ${String(json.index)}`).toBeDefined();
      expect(block.stopped).toBe(false);
      if (event === 'content_block_stop') block.stopped = true;
      else {
        const delta = json.delta as Record<string, unknown>;
        if (delta.type !== 'signature_delta') expect(delta.type).toBe(deltaTypes[block.type]);
        block.deltas.push(delta);
      }
    }
  }
  // A stream cut by an error leaves its last block open; a complete one closes them all.
  if (complete) for (const block of blocks) expect(block.stopped).toBe(true);
  return blocks;
}

/** A block's streamed text, thinking or tool input JSON. */
export function blockText(block: AnthropicBlock): string {
  return block.deltas.map((delta) => String(delta.text ?? delta.thinking ?? delta.partial_json ?? '')).join('');
}

export function eventOf(events: ClientEvent[], name: string): Record<string, unknown> {
  const found = events.find((event) => event.event === name);
  expect(found, `no ${name} event`).toBeDefined();
  return found!.json!;
}

/**
 * Stream text with the per-answer ids and timestamps blanked, and message_start's input estimate (it follows the
 * request's length), so two runs of one answer compare equal.
 */
export function stableStreamText(text: string): string {
  return text
    .replace(/stub\d{6}/g, 'stub')
    .replace(/"created":\d+/g, '"created":0')
    .replace(/("type":"message_start".*?"usage":\{"input_tokens":)\d+/g, '$10');
}
