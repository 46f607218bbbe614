import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db } from '../db';
import { GatewayError, type Gateway } from '../gateway';
import { buildUsageRecord, pricesOf } from '../usage';

// What an engine in front of us reports after it served a request itself: usage rows (priced here, from the
// model row, like the gateway's own) and provider keys the upstream refused.

const count = z.number().int().min(0).default(0);

const usageEvent = z.object({
  request_id: z.string().min(1).max(200).default(() => randomUUID()),
  token: z.string().min(1, 'token (the caller\'s gateway token) is required'),
  model: z.string().min(1, 'model is required'),
  model_id: z.number().int().positive().optional(),
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

const errorEvent = z.object({
  provider_token_id: z.number().int().positive(),
  status: z.number().int().min(100).max(599).optional(),
  message: z.string().min(1).max(2000),
});

/** Accepts one event or `{events: [...]}` and always yields the list. */
function parseEvents<T extends z.ZodType>(event: T, body: unknown): z.output<T>[] {
  const batch = z.object({ events: z.array(event).min(1).max(1000) });
  const isBatch = typeof body === 'object' && body !== null && 'events' in body;
  return isBatch ? batch.parse(body).events : [event.parse(body)];
}

/** POST /v1/telemetry/usage: one event or `{events: [...]}`; events whose token is not a live token are skipped. */
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
        modelName: event.model,
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
          providerTokenId: null,
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

/** POST /v1/telemetry/errors: a provider key the upstream refused; kept as that key's last_error. */
export function recordEngineErrors(gateway: Gateway, body: unknown): { recorded: number } {
  const events = parseEvents(errorEvent, body);
  for (const event of events) {
    const message = event.status ? `HTTP ${event.status}: ${event.message}` : event.message;
    gateway.context.keyHealth.noteError(event.provider_token_id, message, '');
  }
  return { recorded: events.length };
}
