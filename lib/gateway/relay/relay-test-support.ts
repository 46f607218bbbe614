// Test data for the relay's unit tests: routes, an upstream that answers from a script, and an exchange whose
// usage rows land in a list. No database, no sockets.
import { Readable } from 'node:stream';
import { InFlightRequests } from '../../lifecycle/in-flight';
import { GatewayMetrics } from '../../metrics/gateway-metrics';
import { UNKNOWN_MODEL_CAPABILITIES } from '../../protocol/capabilities';
import type { UsageRecord } from '../../usage';
import { createMediaFetcher } from '../media/safe-media-fetch';
import type { ClientProtocol } from '../request/endpoint';
import { findTopLevelValues } from '../../http/json-text';
import type { ParsedBody } from '../request/json-body';
import { CircuitBreakers } from '../routing/circuit-breaker';
import type { GatewayRoute, UpstreamProtocol } from '../routing/route-types';
import { parseProviderHosts } from '../routing/provider-hosts';
import { UpstreamTransportError, type UpstreamCall, type UpstreamReply } from '../upstream/upstream-client';
import { Exchange } from './exchange';
import type { FailoverContext } from './failover';
import { processLogger } from '../../log';
import { noTracer } from '../../tracing';

export function testRoute(id: number, type: UpstreamProtocol, overrides: Partial<GatewayRoute> = {}): GatewayRoute {
  return {
    key: `${id}:${id}`,
    modelId: id,
    modelName: 'alias',
    providerModelName: `upstream-${id}`,
    priority: 0,
    weight: 1,
    prices: { input: '1', output: '2', cacheRead: '0', cacheWrite: null, currency: 'USD' },
    capabilities: UNKNOWN_MODEL_CAPABILITIES[type],
    provider: {
      id,
      name: `provider-${id}`,
      type,
      apiUrl: `http://provider-${id}.test`,
      timeoutMs: 1000,
      extraHeaders: {},
      inlineImageUrls: false,
    },
    providerTokenId: id,
    apiKey: `sk-secret-key-${id}`,
    ...overrides,
  };
}

/** A reply whose body yields `chunks` one by one (a stream), or as a whole to `text()`. */
export function replyOf(status: number, chunks: string[], headers: Record<string, string> = {}): UpstreamReply {
  const readable = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  const body = Object.assign(readable, { text: async () => chunks.join('') });
  return { status, headers, body };
}

/** A reply whose stream yields `chunks`, then fails like a connection reset. */
export function brokenReplyOf(chunks: string[]): UpstreamReply {
  async function* broken() {
    for (const chunk of chunks) yield Buffer.from(chunk);
    throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  }
  const body = Object.assign(Readable.from(broken()), { text: async () => chunks.join('') });
  return { status: 200, headers: {}, body };
}

export type ScriptedAnswer = UpstreamReply | UpstreamTransportError;

/** An upstream that answers each call with the next scripted answer and remembers the calls. */
export function scriptedUpstream(answers: ScriptedAnswer[]) {
  const calls: UpstreamCall[] = [];
  return {
    calls,
    async send(call: UpstreamCall): Promise<UpstreamReply> {
      calls.push(call);
      const next = answers.shift();
      if (!next) throw new Error('the script has no answer left');
      if (next instanceof UpstreamTransportError) throw next;
      return next;
    },
  };
}

export const TEST_SETTINGS = {
  maxBodyBytes: 1024 * 1024,
  connectTimeoutMs: 1000,
  upstreamMaxConnections: 0,
  streamIdleTimeoutMs: 5000,
  streamHeartbeatMs: 0,
  circuitFailures: 2,
  circuitCooldownMs: 60_000,
  responsesRetentionDays: 30,
  routeCacheMax: 10,
  conversion: { defaultMaxTokens: 4096, toolDescriptionOverflow: 'move-to-system' as const, stripBillingHeader: true },
  imageFetchMaxBytes: 1024,
  imageFetchTimeoutMs: 1000,
  providerHosts: parseProviderHosts(undefined),
};

export function testFailoverContext(upstream: FailoverContext['upstream']) {
  const keyErrors: { providerTokenId: number; message: string; apiKey: string }[] = [];
  const logged: string[] = [];
  const context: FailoverContext = {
    settings: TEST_SETTINGS,
    circuits: new CircuitBreakers({ failureThreshold: TEST_SETTINGS.circuitFailures, cooldownMs: TEST_SETTINGS.circuitCooldownMs }),
    upstream,
    keyHealth: { noteError: (providerTokenId, message, apiKey) => keyErrors.push({ providerTokenId, message, apiKey }) },
    fetchMedia: createMediaFetcher(),
    metrics: new GatewayMetrics(),
    log: (message) => logged.push(message),
    inFlight: new InFlightRequests(),
  };
  return { context, keyErrors, logged };
}

/** An authenticated exchange whose finished row lands in `rows`. */
export function testExchange(clientProtocol: ClientProtocol, stream = false) {
  const rows: UsageRecord[] = [];
  const exchange = new Exchange({ usage: { record: (row) => rows.push(row) }, metrics: new GatewayMetrics(), logger: processLogger, tracer: noTracer }, clientProtocol, true);
  exchange.token = { id: 7, userId: 3, allowedModels: [], rpmLimit: null, monthlyBudget: null, owner: { allowedModels: [], rpmLimit: null, monthlyBudget: null } };
  exchange.modelName = 'alias';
  exchange.stream = stream;
  return { exchange, rows };
}

export function parsedBody(json: Record<string, unknown>): ParsedBody {
  const text = JSON.stringify(json);
  return { json, text, members: findTopLevelValues(text) };
}
