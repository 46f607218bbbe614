import 'server-only';
import { request, type Dispatcher } from 'undici';
import { conflict } from '../errors';
import { db } from '../db';
import { buildUpstreamHeaders, buildUpstreamUrl, type UpstreamEndpoint } from '../gateway';
import { openSecret } from '../secrets';
import type { ProviderDto } from './to-provider-dto';

// One admin-initiated call to a provider (Test, Import models) with its first usable key. Callers check the
// provider's host against AXONGATE_PROVIDER_HOSTS first; the key never leaves this module but in `apiKey`,
// which callers only use to blank it out of messages.

/** Enough for a long model list; an answer beyond it is not read further. */
const MAX_BODY_BYTES = 1024 * 1024;

export type ProviderCallResult = { status: number; text: string | null };

/** The first active, unretired key of the provider, opened; 409 when there is none. */
export async function openFirstProviderKey(providerId: number): Promise<string> {
  const key = await db.providerToken.findFirst({ where: { providerId, active: true, retiredAt: null }, orderBy: { id: 'asc' } });
  if (!key) throw conflict('provider has no active key');
  return openSecret(key.token);
}

/** The call itself; throws on a transport error or the provider's timeout (a `TimeoutError`). */
export async function callProvider(provider: ProviderDto, apiKey: string, endpoint: UpstreamEndpoint, body?: string): Promise<ProviderCallResult> {
  const target = buildUpstreamUrl(provider.api_url, endpoint);
  const headers = buildUpstreamHeaders({
    clientHeaders: new Headers(),
    protocol: provider.model_type,
    apiKey,
    extraHeaders: provider.extra_headers,
    contentType: body === undefined ? undefined : 'application/json',
    accept: 'application/json',
  });
  const response = await request(`${target.origin}${target.path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body,
    headersTimeout: provider.timeout_ms,
    bodyTimeout: provider.timeout_ms,
    // Covers the connect as well, which the two timeouts above do not.
    signal: AbortSignal.timeout(provider.timeout_ms),
  });
  return { status: response.statusCode, text: await readCapped(response.body) };
}

/** The body as text, or null when it is longer than MAX_BODY_BYTES (the rest is not read). */
async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) {
      body.on('error', () => undefined);
      body.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
