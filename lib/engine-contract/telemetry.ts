import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { idField } from '../api/id-schema';
import { db } from '../db';
import { GatewayError, type Gateway } from '../gateway';
import { buildUsageRecord, pricesOf } from '../usage';

// What an engine in front of us reports after it served a request itself: usage rows (priced here, from the
// model row, like the gateway's own) and provider keys the upstream refused.
//
// The original Rust engine's shapes (its UsageEvent and ErrorEvent) are accepted as it sends them: ids as strings
// (they are strings in the routes it was given), the upstream model's name in `model` on streams (the row keeps the
// public name of the model row that model_id names), and `msg` for the error text. Its error events also carry the
// provider key in `token`: it is only used to blank the key out of the message, never stored or logged.

const count = z.number().int().min(0).default(0);

/** An id as a number or as a string of digits (the original engine's, as the admin API takes them); '' and null count as absent. */
function optionalId(field: string) {
  const message = `${field} must be an id: a positive integer, as a number or a string of digits`;
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), idField(field, { message, tooLarge: message }).optional());
}

/** Error text as reported; a long upstream body is cut, never a reason to lose the event. */
const errorText = z
  .string()
  .min(1)
  .transform((text) => text.slice(0, 2000));

const usageEvent = z.object({
  request_id: z.string().min(1).max(200).default(() => randomUUID()),
  token: z.string().min(1, 'token (the caller\'s gateway token) is required'),
  model: z.string().min(1, 'model is required'),
  model_id: optionalId('model_id'),
  provider_id: optionalId('provider_id'),
  provider_token_id: optionalId('provider_token_id'),
  client_protocol: z.enum(['openai', 'anthropic']).default('openai'),
  stream: z.boolean().default(false),
  status: z.enum(['ok', 'error']).default('ok'),
  http_status: z.number().int().min(100).max(599).default(200),
  error_type: z.string().max(100).optional(),
  input_tokens: count,
  output_tokens: count,
  cache_read_tokens: count,
  cache_creation_tokens: count,
  latency_ms: count,
  ttft_ms: z.number().int().min(0).optional(),
  attempts: z.number().int().min(1).default(1),
});

const errorEvent = z
  .object({
    provider_token_id: optionalId('provider_token_id'),
    status: z.number().int().min(100).max(599).optional(),
    message: errorText.optional(),
    /** The original engine's name for `message`. */
    msg: errorText.optional(),
    /** The refused provider key, as the original engine reports it: blanked out of the message, nothing else. */
    token: z.string().optional(),
  })
  .refine((event) => event.message !== undefined || event.msg !== undefined, {
    message: 'message (or msg) is required',
    path: ['message'],
  });

/** Accepts one event or `{events: [...]}` and always yields the list. */
function parseEvents<T extends z.ZodType>(event: T, body: unknown): z.output<T>[] {
  const batch = z.object({ events: z.array(event).min(1).max(1000) });
  const isBatch = typeof body === 'object' && body !== null && 'events' in body;
  return isBatch ? batch.parse(body).events : [event.parse(body)];
}

/**
 * POST /v1/telemetry/usage: one event or `{events: [...]}`; events whose token is not a live token are skipped.
 * A request_id already recorded is stored once (the original engine may report a stream twice).
 */
export async function recordEngineUsage(gateway: Gateway, body: unknown): Promise<{ recorded: number; skipped: number }> {
  const events = parseEvents(usageEvent, body);
  let recorded = 0;
  for (const event of events) {
    const caller = await gateway.context.tokens.authenticateToken(event.token).catch((error: unknown) => {
      if (error instanceof GatewayError) return null;
      throw error;
    });
    if (!caller) continue;
    const model = event.model_id ? await db.aiModel.findUnique({ where: { id: event.model_id }, include: { provider: true } }) : null;
    gateway.context.usage.record(
      buildUsageRecord({
        requestId: event.request_id,
        caller: { userId: caller.userId, userTokenId: caller.id },
        // The name clients asked for: the engine sends the upstream's on streams.
        modelName: model?.name ?? event.model,
        clientProtocol: event.client_protocol,
        stream: event.stream,
        status: event.status,
        httpStatus: event.http_status,
        errorType: event.error_type ?? null,
        usage: {
          inputTokens: event.input_tokens,
          outputTokens: event.output_tokens,
          cacheReadTokens: event.cache_read_tokens,
          cacheCreationTokens: event.cache_creation_tokens,
        },
        target: model && {
          modelId: model.id,
          providerId: model.providerId,
          providerTokenId: event.provider_token_id ?? null,
          providerModelName: model.providerModelName,
          upstreamProtocol: model.provider.modelType,
          prices: pricesOf(model),
        },
        latencyMs: event.latency_ms,
        ttftMs: event.ttft_ms ?? null,
        attempts: event.attempts,
        createdAt: new Date(),
      }),
    );
    recorded += 1;
  }
  return { recorded, skipped: events.length - recorded };
}

/**
 * POST /v1/telemetry/errors: a provider key the upstream refused; kept as that key's last_error. An event that
 * names no key (the original engine's provider_token_id is optional) says nothing about one and is skipped.
 */
export function recordEngineErrors(gateway: Gateway, body: unknown): { recorded: number; skipped: number } {
  const events = parseEvents(errorEvent, body);
  let recorded = 0;
  for (const event of events) {
    if (event.provider_token_id === undefined) continue;
    const text = (event.message ?? event.msg)!;
    const message = event.status ? `HTTP ${event.status}: ${text}` : text;
    gateway.context.keyHealth.noteError(event.provider_token_id, message, event.token ?? '');
    recorded += 1;
  }
  return { recorded, skipped: events.length - recorded };
}
