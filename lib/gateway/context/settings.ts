import type { AppConfig } from '../../config';

export type ConversionSettings = {
  /** max_tokens toward Anthropic when an OpenAI client sets no limit. */
  defaultMaxTokens: number;
  /** Tool descriptions over the provider's limit: the rest goes into the system prompt, or is cut. */
  toolDescriptionOverflow: 'move-to-system' | 'truncate';
  /** Claude Code's per-session billing line is dropped toward OpenAI-type providers. */
  stripBillingHeader: boolean;
};
import { parseProviderHosts, type ProviderHosts } from '../routing/provider-hosts';

/** The gateway's tunables, from the validated configuration. */
export type GatewaySettings = {
  maxBodyBytes: number;
  connectTimeoutMs: number;
  /** Open connections per provider origin at most; 0 sets no cap (a stream holds its connection for minutes). */
  upstreamMaxConnections: number;
  streamIdleTimeoutMs: number;
  /** Quiet time on a client's stream after which a keep-alive comment goes out; 0 sends none. */
  streamHeartbeatMs: number;
  circuitFailures: number;
  circuitCooldownMs: number;
  routeCacheMax: number;
  /** How long Responses answers of converted routes are kept for previous_response_id. */
  responsesRetentionDays: number;
  /** The conversion's settings (docs/CONVERSION.md §10). */
  conversion: ConversionSettings;
  /** Providers flagged inline_image_urls: the largest image the gateway fetches, and the time all of a request's fetches may take. */
  imageFetchMaxBytes: number;
  imageFetchTimeoutMs: number;
  /** AXONGATE_PROVIDER_HOSTS: a provider whose api_url names another host is never called. */
  providerHosts: ProviderHosts;
};

export function readGatewaySettings(config: AppConfig): GatewaySettings {
  return {
    maxBodyBytes: config.AXONGATE_MAX_BODY_BYTES,
    connectTimeoutMs: config.AXONGATE_CONNECT_TIMEOUT_MS,
    upstreamMaxConnections: config.AXONGATE_UPSTREAM_MAX_CONNECTIONS,
    streamIdleTimeoutMs: config.AXONGATE_STREAM_IDLE_TIMEOUT_MS,
    streamHeartbeatMs: config.AXONGATE_STREAM_HEARTBEAT_MS,
    circuitFailures: config.AXONGATE_CIRCUIT_FAILURES,
    circuitCooldownMs: config.AXONGATE_CIRCUIT_COOLDOWN_MS,
    routeCacheMax: config.AXONGATE_ROUTE_CACHE_MAX,
    responsesRetentionDays: config.AXONGATE_RESPONSES_RETENTION_DAYS,
    conversion: {
      defaultMaxTokens: config.AXONGATE_DEFAULT_MAX_TOKENS,
      toolDescriptionOverflow: config.AXONGATE_TOOL_DESCRIPTION_OVERFLOW,
      stripBillingHeader: config.AXONGATE_STRIP_CLAUDE_BILLING_LINE,
    },
    imageFetchMaxBytes: config.AXONGATE_IMAGE_FETCH_MAX_BYTES,
    imageFetchTimeoutMs: config.AXONGATE_IMAGE_FETCH_TIMEOUT_MS,
    providerHosts: parseProviderHosts(config.AXONGATE_PROVIDER_HOSTS),
  };
}
