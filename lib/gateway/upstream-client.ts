import { Agent, type Dispatcher } from 'undici';
import type { GatewayRoute } from './route-types';
import { buildUpstreamHeaders } from './upstream-headers';
import { buildUpstreamUrl, type UpstreamEndpoint } from './upstream-url';
import { getGatewaySettings } from './settings';

// Upstream HTTP over undici: one Agent per process, which keeps one keep-alive Pool per provider origin.
// Timeouts: connect (settings), first byte = response headers (the provider's timeout_ms), and idle time
// between body chunks (settings), so a stalled stream is cut instead of hanging the client forever.

export type UpstreamCall = {
  route: GatewayRoute;
  endpoint: UpstreamEndpoint;
  method: 'GET' | 'POST';
  body?: string;
  clientHeaders: Headers;
  /** Aborted when the client goes away; undici then drops the upstream request and its socket. */
  signal: AbortSignal;
};

export type UpstreamReply = {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
};

/** Why an upstream could not be reached or answered too slowly; the text names no key. */
export class UpstreamTransportError extends Error {
  constructor(
    readonly kind: 'connect' | 'timeout' | 'aborted' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamTransportError';
  }
}

const holder = globalThis as unknown as { axongateUpstreamAgent?: Agent };

function getAgent(): Agent {
  if (!holder.axongateUpstreamAgent) {
    const settings = getGatewaySettings();
    holder.axongateUpstreamAgent = new Agent({
      connect: { timeout: settings.connectTimeoutMs },
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 10 * 60_000,
      connections: 256,
    });
  }
  return holder.axongateUpstreamAgent;
}

export async function sendUpstream(call: UpstreamCall): Promise<UpstreamReply> {
  const { route } = call;
  const target = buildUpstreamUrl(route.provider.apiUrl, call.endpoint);
  const headers = buildUpstreamHeaders({
    clientHeaders: call.clientHeaders,
    protocol: route.provider.type,
    apiKey: route.apiKey,
    extraHeaders: route.provider.extraHeaders,
    contentType: call.body === undefined ? undefined : 'application/json',
  });
  try {
    const response = await getAgent().request({
      origin: target.origin,
      path: target.path,
      method: call.method,
      headers,
      body: call.body,
      signal: call.signal,
      headersTimeout: route.provider.timeoutMs,
      bodyTimeout: getGatewaySettings().streamIdleTimeoutMs,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw toTransportError(error);
  }
}

export function toTransportError(error: unknown): UpstreamTransportError {
  if (error instanceof UpstreamTransportError) return error;
  const code = (error as { code?: string }).code ?? '';
  const name = (error as Error).name ?? '';
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED') return new UpstreamTransportError('aborted', 'client closed the request');
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new UpstreamTransportError('timeout', 'connect timeout');
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new UpstreamTransportError('timeout', 'no response before the timeout');
  if (code === 'UND_ERR_BODY_TIMEOUT') return new UpstreamTransportError('timeout', 'stream idle timeout');
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return new UpstreamTransportError('connect', `connect error (${code})`);
  }
  return new UpstreamTransportError('network', `network error${code ? ` (${code})` : ''}`);
}

/** Closes every pooled connection (shutdown and tests). */
export async function closeUpstreamAgent(): Promise<void> {
  const agent = holder.axongateUpstreamAgent;
  holder.axongateUpstreamAgent = undefined;
  if (agent) await agent.close();
}
