import { defaultCapabilities, readCapabilityOverrides, type CapabilityOverrides } from '../catalogue';
import type { AiModel, Currency, ModelStatus, ProviderType } from '../db';
import type { ModelCapabilities } from '../protocol/capabilities';

/** A model route as the admin API shows it; prices are per 1M tokens, as plain numbers. */
export type AiModelDto = {
  id: number;
  name: string;
  provider_id: number;
  provider_name: string;
  provider_model_name: string;
  status: ModelStatus;
  priority: number;
  weight: number;
  input_price: number;
  output_price: number;
  cache_read_price: number;
  /** Null: cache writes are billed at the input price. */
  cache_write_price: number | null;
  currency: Currency;
  /** The profile without this route's overrides: catalogue ← host defaults ← the provider's overrides. */
  capability_defaults: ModelCapabilities;
  /** The admin's per-field overrides of this route; the gateway uses `{ ...capability_defaults, ...overrides }`. */
  capability_overrides: CapabilityOverrides;
  created_at: string;
  updated_at: string;
};

/** The provider rides along so lists can show its name and each route's default profile without a second request. */
export const aiModelInclude = { provider: { select: { name: true, modelType: true, apiUrl: true, capabilityOverrides: true } } } as const;

export type AiModelWithProvider = AiModel & {
  provider: { name: string; modelType: ProviderType; apiUrl: string; capabilityOverrides: unknown };
};

export function toAiModelDto(model: AiModelWithProvider): AiModelDto {
  return {
    id: model.id,
    name: model.name,
    provider_id: model.providerId,
    provider_name: model.provider.name,
    provider_model_name: model.providerModelName,
    status: model.status,
    priority: model.priority,
    weight: model.weight,
    input_price: model.inputPrice.toNumber(),
    output_price: model.outputPrice.toNumber(),
    cache_read_price: model.cacheReadPrice.toNumber(),
    cache_write_price: model.cacheWritePrice?.toNumber() ?? null,
    currency: model.currency,
    capability_defaults: defaultCapabilities(
      { type: model.provider.modelType, apiUrl: model.provider.apiUrl, capabilityOverrides: model.provider.capabilityOverrides },
      model.providerModelName,
    ),
    capability_overrides: readCapabilityOverrides(model.capabilityOverrides),
    created_at: model.createdAt.toISOString(),
    updated_at: model.updatedAt.toISOString(),
  };
}
