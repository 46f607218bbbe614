import { readCapabilityOverrides, type CapabilityOverrides } from '../catalogue';
import type { Provider } from '../db';

/** A provider as the admin API shows it (snake_case wire names). */
export type ProviderDto = {
  id: number;
  name: string;
  model_type: 'openai' | 'anthropic';
  api_url: string;
  enabled: boolean;
  timeout_ms: number;
  extra_headers: Record<string, string>;
  inline_image_urls: boolean;
  capability_overrides: CapabilityOverrides;
  created_at: string;
  updated_at: string;
};

export function toProviderDto(provider: Provider): ProviderDto {
  return {
    id: provider.id,
    name: provider.name,
    model_type: provider.modelType,
    api_url: provider.apiUrl,
    enabled: provider.enabled,
    timeout_ms: provider.timeoutMs,
    extra_headers: toHeaderRecord(provider.extraHeaders),
    inline_image_urls: provider.inlineImageUrls,
    capability_overrides: readCapabilityOverrides(provider.capabilityOverrides),
    created_at: provider.createdAt.toISOString(),
    updated_at: provider.updatedAt.toISOString(),
  };
}

/** The column is free JSON; only string values written through the API are meaningful as headers. */
function toHeaderRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
