import type { ModelCapabilities } from '../../protocol/capabilities';
import type { ModelPrices } from '../../usage';

// What route resolution produces: one entry per (AiModel row × active key of its provider).

export type UpstreamProtocol = 'openai' | 'anthropic';

export type RouteProvider = {
  id: number;
  name: string;
  type: UpstreamProtocol;
  apiUrl: string;
  timeoutMs: number;
  extraHeaders: Record<string, string>;
  /** The backend cannot fetch image URLs itself: the gateway inlines them before the attempt. */
  inlineImageUrls: boolean;
};

export type GatewayRoute = {
  /** `<model id>:<provider key id>`: the circuit breaker's unit. */
  key: string;
  modelId: number;
  modelName: string;
  providerModelName: string;
  priority: number;
  /** The model row's weight shared among its provider's keys, so adding a key does not raise the row's share. */
  weight: number;
  /** Per-1M-token prices as decimal strings, exactly as stored (no float rounding before the cost math). */
  prices: ModelPrices;
  /** What the model behind the route takes: the conversion is shaped for it. */
  capabilities: ModelCapabilities;
  provider: RouteProvider;
  providerTokenId: number;
  /** The decrypted provider key. Lives only in the route cache's memory; never logged or recorded. */
  apiKey: string;
};
