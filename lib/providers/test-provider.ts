import 'server-only';
import { notFound } from '../errors';
import { db } from '../db';
import { toTransportError, type ProviderHosts, type UpstreamEndpoint } from '../gateway';
import { callProvider, openFirstProviderKey } from './provider-call';
import { readProviderErrorMessage, sanitiseProviderMessage } from './provider-error-message';
import type { TestProviderInput } from './schemas';
import { toProviderDto } from './to-provider-dto';

/** `status` is the provider's HTTP status, null when it could not be reached, answered too late or was not called. */
export type ProviderTestResult = { ok: boolean; latency_ms: number; status: number | null; message: string };

/**
 * A real, cheap call through a provider with its first usable key, to tell an admin whether the URL and the key
 * work: the status, the latency, and for a refusal at most the short, sanitised message of a well-formed error
 * body (provider-error-message.ts). No other part of the answer is ever shown, nor the key.
 */
export async function testProvider({
  id,
  input,
  providerHosts,
}: {
  id: number;
  input: TestProviderInput;
  providerHosts: ProviderHosts;
}): Promise<ProviderTestResult> {
  const row = await db.provider.findUnique({ where: { id } });
  if (!row) throw notFound(`provider ${id}`);
  const provider = toProviderDto(row);
  if (!providerHosts.allowsUrl(provider.api_url)) {
    return { ok: false, latency_ms: 0, status: null, message: `not called: the host of ${provider.api_url} is not among the allowed provider hosts (AXONGATE_PROVIDER_HOSTS)` };
  }
  const apiKey = await openFirstProviderKey(id);

  const endpoint: UpstreamEndpoint = !input.model
    ? '/v1/models'
    : provider.model_type === 'anthropic'
      ? '/v1/messages'
      : '/v1/chat/completions';
  const body = input.model ? JSON.stringify(oneTokenRequest(input.model)) : undefined;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { status, text } = await callProvider(provider, apiKey, endpoint, body);
    const latency = elapsed();
    const ok = status >= 200 && status < 300;
    const message = ok ? describeSuccess(text, input.model) : describeFailure(status, text, apiKey);
    return { ok, latency_ms: latency, status, message };
  } catch (error) {
    const latency = elapsed();
    const reason = (error as Error).name === 'TimeoutError' ? 'no response before the timeout' : toTransportError(error).message;
    return { ok: false, latency_ms: latency, status: null, message: `${provider.api_url} could not be reached: ${reason}` };
  }
}

function oneTokenRequest(model: string) {
  return { model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] };
}

function describeSuccess(text: string | null, model: string | undefined): string {
  if (model) return `${model} answered`;
  const listed = parseJson(text) as { data?: unknown } | undefined;
  return Array.isArray(listed?.data) ? `${listed.data.length} models available` : 'The model list answered';
}

function describeFailure(status: number, text: string | null, apiKey: string): string {
  const reason = text === null ? null : readProviderErrorMessage(text);
  const message = reason === null ? '' : sanitiseProviderMessage(reason, apiKey);
  return message ? `HTTP ${status}: ${message}` : `HTTP ${status}`;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
