import { z } from 'zod';
import { idField } from '../api/id-schema';
import { paginationQuery } from '../api/pagination';
import { capabilityOverridesSchema } from '../catalogue';

// Prices are stored as DECIMAL(14, 6): below 10^8 per million tokens.
const MAX_PRICE = 99_999_999;
const MAX_INT = 2_147_483_647;

const price = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .min(0, `${field} must be 0 or more`)
    .max(MAX_PRICE, `${field} must be below 100000000`);

const modelName = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(200, `${field} must be at most 200 characters`);

const statusField = z.enum(['active', 'disabled'], { error: 'status must be active or disabled' });

const modelFields = {
  name: modelName('name'),
  provider_id: idField('provider_id'),
  provider_model_name: modelName('provider_model_name'),
  status: statusField,
  priority: z
    .number({ error: 'priority must be a number' })
    .int('priority must be a whole number')
    .min(-MAX_INT, 'priority is too small')
    .max(MAX_INT, 'priority is too large'),
  weight: z
    .number({ error: 'weight must be a number' })
    .int('weight must be a whole number')
    .min(1, 'weight must be at least 1')
    .max(1_000_000, 'weight must be at most 1000000'),
  input_price: price('input_price'),
  output_price: price('output_price'),
  cache_read_price: price('cache_read_price'),
  /** Null: cache writes are billed at the input price. */
  cache_write_price: price('cache_write_price').nullable(),
  capability_overrides: capabilityOverridesSchema,
  currency: z.enum(['USD', 'CNY'], { error: 'currency must be USD or CNY' }),
};

export const createAiModelBody = z
  .object({
    name: modelFields.name,
    provider_id: modelFields.provider_id,
    // Most routes call the provider's model by the public name, so it may be left out.
    provider_model_name: modelFields.provider_model_name.optional(),
    status: modelFields.status.default('active'),
    priority: modelFields.priority.default(0),
    weight: modelFields.weight.default(1),
    // Prices left out come from the catalogue for the provider model (lib/catalogue), else 0.
    input_price: modelFields.input_price.optional(),
    output_price: modelFields.output_price.optional(),
    cache_read_price: modelFields.cache_read_price.optional(),
    cache_write_price: modelFields.cache_write_price.optional(),
    capability_overrides: modelFields.capability_overrides.default({}),
    currency: modelFields.currency.default('USD'),
  })
  .transform((input) => ({ ...input, provider_model_name: input.provider_model_name ?? input.name }));

/** PUT takes any subset of the fields: what is absent stays as it is. */
export const updateAiModelBody = z.object(modelFields).partial();

export const setAiModelStatusBody = z.object({ status: statusField });

/** POST /providers/{id}/models: routes for chosen models of the provider's own list, priced from the catalogue. */
export const importAiModelsBody = z.object({
  models: z
    .array(
      z.object({
        provider_model_name: modelFields.provider_model_name,
        /** The public name; defaults to the provider model's. */
        name: modelFields.name.optional(),
      }),
      { error: 'models must be a list' },
    )
    .min(1, 'models must name at least one model')
    .max(200, 'models may name at most 200 models'),
});

/** GET /ai-models/catalogue: what the catalogue knows of a provider model, for the create form. */
export const catalogueQuery = z.object({
  provider_id: idField('provider_id'),
  provider_model_name: modelFields.provider_model_name,
});

export const listAiModelsQuery = paginationQuery.extend({
  provider_id: idField('provider_id').optional(),
  status: z.preprocess((value) => (value === '' ? undefined : value), statusField.optional()),
  name: z.string().trim().max(200).optional(),
});

export type CreateAiModelInput = z.output<typeof createAiModelBody>;
export type UpdateAiModelInput = z.output<typeof updateAiModelBody>;
export type SetAiModelStatusInput = z.output<typeof setAiModelStatusBody>;
export type ListAiModelsQuery = z.output<typeof listAiModelsQuery>;
export type CatalogueQuery = z.output<typeof catalogueQuery>;
export type ImportAiModelsInput = z.output<typeof importAiModelsBody>;
