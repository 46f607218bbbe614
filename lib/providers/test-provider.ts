import 'server-only';
import { request } from 'undici';
import { conflict, notFound } from '../errors';
import { db } from '../db';
import { buildUpstreamHeaders, buildUpstreamUrl, redactKey, toTransportError, type UpstreamEndpoint } from '../gateway';
import { openSecret } from '../secrets';
import type { TestProviderInput } from './schemas';
import { toProviderDto } from './to-provider-dto';

/** `status` is the provider's HTTP status, null when it could not be reached or answered too late. */
export type ProviderTestResult = { ok: boolean; latency_ms: number; status: number | null; message: string };

const MAX_BODY_CHARS = 64 * 1024;
const MAX_MESSAGE_CHARS = 500;

/**
 * A real, cheap call through a provider with its first active key, to tell an admin whether the URL and
 * the key work. The answer carries the provider's own error message, with the key blanked should the
 * provider echo it; the key itself is never part of it.
 */
export async function testProvider({ id, input }: { id: number; input: TestProviderInput }): Promise<ProviderTestResult> {
  const row = await db.provider.findUnique({ where: { id } });
  if (!row) throw notFound(`provider ${id}`);
  const key = await db.providerToken.findFirst({ where: { providerId: id, active: true }, orderBy: { id: 'asc' } });
  if (!key) throw conflict('provider has no active key');
  const provider = toProviderDto(row);
  const apiKey = await openSecret(key.token);

  const endpoint: UpstreamEndpoint = !input.model
    ? '/v1/models'
    : provider.model_type === 'anthropic'
      ? '/v1/messages'
      : '/v1/chat/completions';
  const body = input.model ? JSON.stringify(oneTokenRequest(input.model)) : undefined;
  const target = buildUpstreamUrl(provider.api_url, endpoint);
  const headers = buildUpstreamHeaders({
    clientHeaders: new Headers(),
    protocol: provider.model_type,
    apiKey,
    extraHeaders: provider.extra_headers,
    contentType: body === undefined ? undefined : 'application/json',
    accept: 'application/json',
  });

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await request(`${target.origin}${target.path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body,
      headersTimeout: provider.timeout_ms,
      bodyTimeout: provider.timeout_ms,
      // Covers the connect as well, which the two timeouts above do not.
      signal: AbortSignal.timeout(provider.timeout_ms),
    });
    const text = (await response.body.text()).slice(0, MAX_BODY_CHARS);
    const latency = elapsed();
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const message = ok ? describeSuccess(text, input.model) : describeFailure(response.statusCode, text);
    return { ok, latency_ms: latency, status: response.statusCode, message: redactKey(message, apiKey) };
  } catch (error) {
    const latency = elapsed();
    const reason = (error as Error).name === 'TimeoutError' ? 'no response before the timeout' : toTransportError(error).message;
    return { ok: false, latency_ms: latency, status: null, message: `${provider.api_url} could not be reached: ${reason}` };
  }
}

function oneTokenRequest(model: string) {
  return { model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] };
}

function describeSuccess(text: string, model: string | undefined): string {
  if (model) return `${model} answered`;
  const listed = parseJson(text) as { data?: unknown } | undefined;
  return Array.isArray(listed?.data) ? `${listed.data.length} models available` : 'The model list answered';
}

/** Both protocols put the reason in `error.message`; other servers answer `{message}`, `{error: "…"}` or text. */
function describeFailure(status: number, text: string): string {
  const parsed = parseJson(text) as { error?: { message?: unknown } | string; message?: unknown } | undefined;
  const candidates = [typeof parsed?.error === 'object' ? parsed.error?.message : parsed?.error, parsed?.message];
  const reason = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '') ?? text.trim();
  const message = reason ? `HTTP ${status}: ${reason}` : `HTTP ${status}`;
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
