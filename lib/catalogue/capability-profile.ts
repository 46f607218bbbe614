import { UNKNOWN_MODEL_CAPABILITIES, type ModelCapabilities } from '../protocol/capabilities';
import { capabilitiesOfEntry, findModelsDevEntry } from './catalogue-limits';
import { readCapabilityOverrides } from './capability-overrides';
import { hostDefaults } from './host-defaults';

export type ProfileProvider = { type: 'openai' | 'anthropic'; apiUrl: string; capabilityOverrides: unknown };

/**
 * A route's profile before its own overrides: the protocol's safe defaults ← the catalogue's entry for the
 * provider model ← the host's defaults ← the provider's overrides. The Models page shows it as each field's default.
 */
export function defaultCapabilities(provider: ProfileProvider, providerModelName: string): ModelCapabilities {
  const entry = findModelsDevEntry(providerModelName, provider.type);
  return {
    ...UNKNOWN_MODEL_CAPABILITIES[provider.type],
    ...(entry ? capabilitiesOfEntry(entry, provider.type) : {}),
    ...hostDefaults(provider.type, provider.apiUrl),
    ...readCapabilityOverrides(provider.capabilityOverrides),
  };
}

/** The profile the converters use: the defaults above with the route's own overrides on top. */
export function effectiveCapabilities(provider: ProfileProvider, providerModelName: string, routeOverrides: unknown): ModelCapabilities {
  return { ...defaultCapabilities(provider, providerModelName), ...readCapabilityOverrides(routeOverrides) };
}
