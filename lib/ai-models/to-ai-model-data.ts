import type { Prisma } from '../db';
import type { CreateAiModelInput, UpdateAiModelInput } from './schemas';

/** The columns a create or update writes, from the API's snake_case fields; absent fields stay absent. */
export function toAiModelData(input: CreateAiModelInput): Prisma.AiModelUncheckedCreateInput;
export function toAiModelData(input: UpdateAiModelInput): Prisma.AiModelUncheckedUpdateInput;
export function toAiModelData(input: UpdateAiModelInput): Prisma.AiModelUncheckedUpdateInput {
  return {
    name: input.name,
    providerId: input.provider_id,
    providerModelName: input.provider_model_name,
    status: input.status,
    priority: input.priority,
    weight: input.weight,
    inputPrice: input.input_price,
    outputPrice: input.output_price,
    cacheReadPrice: input.cache_read_price,
    cacheWritePrice: input.cache_write_price,
    capabilityOverrides: input.capability_overrides,
    currency: input.currency,
  };
}
