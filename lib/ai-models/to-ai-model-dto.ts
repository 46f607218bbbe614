import type { AiModel, Currency, ModelStatus } from '../db';

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
  currency: Currency;
  created_at: string;
  updated_at: string;
};

/** The provider's name rides along so lists can show it without a second request. */
export const aiModelInclude = { provider: { select: { name: true } } } as const;

export type AiModelWithProvider = AiModel & { provider: { name: string } };

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
    currency: model.currency,
    created_at: model.createdAt.toISOString(),
    updated_at: model.updatedAt.toISOString(),
  };
}
