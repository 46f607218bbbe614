import { calcPrice, type ModelPrice } from '@pydantic/genai-prices';

// Prices per 1M tokens from @pydantic/genai-prices: its match rules know dated and prefixed model names
// (claude-sonnet-4-5-20250929, gpt-4o-2024-08-06) and it keeps cache-write prices and long-context tiers.

export type CataloguePrices = { input: number; output: number; cacheRead: number | null; cacheWrite: number | null };

const PROBE_USAGE = { input_tokens: 1 };

export function findCataloguePrices(providerModelName: string, apiUrl: string, providerType: 'openai' | 'anthropic'): CataloguePrices | null {
  // The host first (DeepSeek, OpenRouter…), then the protocol's own vendor, then any provider that knows the name.
  const found =
    calcPrice(PROBE_USAGE, providerModelName, { providerApiUrl: apiUrl }) ??
    calcPrice(PROBE_USAGE, providerModelName, { providerId: providerType }) ??
    calcPrice(PROBE_USAGE, providerModelName);
  if (!found) return null;
  const input = basePrice(found.model_price, 'input_mtok');
  const output = basePrice(found.model_price, 'output_mtok');
  if (input === null || output === null) return null;
  return {
    input,
    output,
    cacheRead: basePrice(found.model_price, 'cache_read_mtok'),
    cacheWrite: basePrice(found.model_price, 'cache_write_mtok'),
  };
}

/** The price below the first long-context tier: a route has one price per kind. */
function basePrice(price: ModelPrice, key: string): number | null {
  const value = price[key];
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof value.base === 'number') return value.base;
  return null;
}
