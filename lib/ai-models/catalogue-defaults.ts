import 'server-only';
import { defaultCapabilities, lookupCatalogue, type CataloguePrices } from '../catalogue';
import { db } from '../db';
import type { ModelCapabilities } from '../protocol/capabilities';
import { assertProviderExists, type RouteProviderRow } from './assert-provider-exists';
import type { CatalogueQuery, CreateAiModelInput } from './schemas';

export type RoutePrices = { input_price: number; output_price: number; cache_read_price: number; cache_write_price: number | null };

export type CatalogueDefaultsDto = {
  /** False: the catalogue does not know the model; the form keeps the admin's values. */
  known: boolean;
  /** Per 1M tokens in USD; null when no catalogue prices the model. */
  prices: RoutePrices | null;
  /** The profile a route to this model would get without overrides. */
  capabilities: ModelCapabilities;
};

/** GET /ai-models/catalogue: what a new route to this provider model would be filled with. */
export async function getCatalogueDefaults(query: CatalogueQuery): Promise<CatalogueDefaultsDto> {
  const provider = await assertProviderExists(db, query.provider_id);
  const entry = lookupCatalogue({ type: provider.modelType, apiUrl: provider.apiUrl }, query.provider_model_name);
  return {
    known: entry !== null,
    prices: entry?.prices ? toRoutePrices(entry.prices) : null,
    capabilities: defaultCapabilities({ type: provider.modelType, apiUrl: provider.apiUrl, capabilityOverrides: provider.capabilityOverrides }, query.provider_model_name),
  };
}

/** The prices a create leaves out, from the catalogue when it prices the model, else 0. */
export function withCataloguePrices(input: CreateAiModelInput, provider: RouteProviderRow): CreateAiModelInput & RoutePrices {
  const prices = lookupCatalogue({ type: provider.modelType, apiUrl: provider.apiUrl }, input.provider_model_name)?.prices;
  const filled = prices ? toRoutePrices(prices) : { input_price: 0, output_price: 0, cache_read_price: 0, cache_write_price: null };
  return {
    ...input,
    input_price: input.input_price ?? filled.input_price,
    output_price: input.output_price ?? filled.output_price,
    cache_read_price: input.cache_read_price ?? filled.cache_read_price,
    cache_write_price: input.cache_write_price === undefined ? filled.cache_write_price : input.cache_write_price,
  };
}

function toRoutePrices(prices: CataloguePrices): RoutePrices {
  return {
    input_price: prices.input,
    output_price: prices.output,
    cache_read_price: prices.cacheRead ?? prices.input,
    cache_write_price: prices.cacheWrite,
  };
}
