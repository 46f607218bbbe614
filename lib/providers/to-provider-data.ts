import type { Prisma } from '../db';
import type { CreateProviderInput, UpdateProviderInput } from './schemas';

/** The columns a create or update writes, from the API's snake_case fields; absent fields stay absent. */
export function toProviderData(input: CreateProviderInput): Prisma.ProviderUncheckedCreateInput;
export function toProviderData(input: UpdateProviderInput): Prisma.ProviderUncheckedUpdateInput;
export function toProviderData(input: UpdateProviderInput): Prisma.ProviderUncheckedUpdateInput {
  return {
    name: input.name,
    modelType: input.model_type,
    apiUrl: input.api_url,
    enabled: input.enabled,
    timeoutMs: input.timeout_ms,
    extraHeaders: input.extra_headers,
    inlineImageUrls: input.inline_image_urls,
    capabilityOverrides: input.capability_overrides,
  };
}
