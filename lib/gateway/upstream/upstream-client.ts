import { Agent, type Dispatcher } from 'undici';
import type { GatewayRoute } from '../routing/route-types';
import { buildUpstreamHeaders } from './upstream-headers';
import { buildUpstreamUrl, type UpstreamEndpoint } from './upstream-url';

// Upstream HTTP over undici: one Agent per gateway, which keeps one keep-alive Pool per provider origin.
// Timeouts: connect (settings), first byte = response headers (the provider's timeout_ms), and idle time
// between body chunks (settings), so a stalled stream is cut instead of hanging the client forever.

export type UpstreamCall = {
  route: GatewayRoute;
  endpoint: UpstreamEndpoint;
  method: 'GET' | 'POST' | 'DELETE';
  body?: string;
  clientHeaders: Headers;
  /** Aborted when the client goes away; undici then drops the upstream request and its socket. */
  signal: AbortSignal;
};

/** An upstream answer's body: read whole, iterated chunk by chunk, or dropped (which frees its socket). */
export type UpstreamBody = AsyncIterable<Uint8Array> & { text(): Promise<string>; destroy(): void };

export type UpstreamReply = {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: UpstreamBody;
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

/** What the failover loop needs of an upstream: one call, answered with status, headers and a body to read. */
export type UpstreamSender = { send(call: UpstreamCall): Promise<UpstreamReply>; close?(): Promise<void> };

export type UpstreamClientOptions = { connectTimeoutMs: number; streamIdleTimeoutMs: number; maxConnections: number };

export class UpstreamClient implements UpstreamSender {
  private readonly agent: Agent;

  constructor(private readonly options: UpstreamClientOptions) {
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 10 * 60_000,
      // No cap by default: LLM streams hold their connection for minutes, and a per-origin cap would queue new
      // streams behind running ones.
      connections: options.maxConnections > 0 ? options.maxConnections : null,
    });
  }

  async send(call: UpstreamCall): Promise<UpstreamReply> {
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
      const response = await this.agent.request({
        origin: target.origin,
        path: target.path,
        method: call.method,
        headers,
        body: call.body,
        signal: call.signal,
        headersTimeout: route.provider.timeoutMs,
        bodyTimeout: this.options.streamIdleTimeoutMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw toTransportError(error);
    }
  }

  /** Drops every connection, running requests included (shutdown and tests): a graceful close would wait for them. */
  close(): Promise<void> {
    return this.agent.destroy();
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
