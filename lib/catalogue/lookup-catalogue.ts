import type { ModelCapabilities } from '../protocol/capabilities';
import { capabilitiesOfEntry, findModelsDevEntry } from './catalogue-limits';
import { findCataloguePrices, type CataloguePrices } from './catalogue-prices';

export type CatalogueEntry = {
  /** Per 1M tokens in USD; null when no catalogue prices the model. */
  prices: CataloguePrices | null;
  /** Only what the catalogue knows of the model. */
  capabilities: Partial<ModelCapabilities>;
};

/** What the catalogue knows of a provider model, or null when it knows nothing (the admin's values stay). */
export function lookupCatalogue(provider: { type: 'openai' | 'anthropic'; apiUrl: string }, providerModelName: string): CatalogueEntry | null {
  const entry = findModelsDevEntry(providerModelName, provider.type);
  const prices = findCataloguePrices(providerModelName, provider.apiUrl, provider.type) ?? pricesOfEntry(entry);
  if (!entry && !prices) return null;
  return { prices, capabilities: entry ? capabilitiesOfEntry(entry, provider.type) : {} };
}

function pricesOfEntry(entry: ReturnType<typeof findModelsDevEntry>): CataloguePrices | null {
  const cost = entry?.cost;
  if (cost?.input === undefined || cost.output === undefined) return null;
  return { input: cost.input, output: cost.output, cacheRead: cost.cache_read ?? null, cacheWrite: cost.cache_write ?? null };
}
