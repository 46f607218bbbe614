// The model catalogue and capability profiles (docs/CONVERSION.md §10).
export { capabilityOverridesSchema, readCapabilityOverrides, type CapabilityOverrides } from './capability-overrides';
export { defaultCapabilities, effectiveCapabilities, type ProfileProvider } from './capability-profile';
export { lookupCatalogue, type CatalogueEntry } from './lookup-catalogue';
export type { CataloguePrices } from './catalogue-prices';
export { startPriceRefresh, type PriceRefresh, type PriceRefreshOptions } from './price-refresh';
