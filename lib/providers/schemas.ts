import { z } from 'zod';
import { paginationQuery } from '../api/pagination';
import { capabilityOverridesSchema } from '../catalogue';

// Header names as RFC 9110 tokens; values without line breaks, so a stored header can never split a request.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;

/** A provider's base URL: http(s) only, trailing slashes removed. A trailing `/v1` is kept as given. */
export const apiUrlSchema = z
  .string({ error: 'api_url is required' })
  .trim()
  .min(1, 'api_url is required')
  .max(2048, 'api_url must be at most 2048 characters')
  .refine(isHttpUrl, 'api_url must be an http(s) URL, e.g. https://api.openai.com')
  .transform((url) => url.replace(/\/+$/, ''));

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const extraHeadersSchema = z
  .record(
    z.string().regex(HEADER_NAME, 'extra_headers names must be valid HTTP header names'),
    z.string({ error: 'extra_headers values must be strings' }).regex(HEADER_VALUE, 'extra_headers values must not contain line breaks'),
  )
  .refine((headers) => Object.keys(headers).length <= 50, 'extra_headers may hold at most 50 headers');

const providerFields = {
  name: z
    .string({ error: 'name is required' })
    .trim()
    .min(1, 'name is required')
    .max(100, 'name must be at most 100 characters'),
  model_type: z.enum(['openai', 'anthropic'], { error: 'model_type must be openai or anthropic' }),
  api_url: apiUrlSchema,
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  timeout_ms: z
    .number({ error: 'timeout_ms must be a number' })
    .int('timeout_ms must be a whole number')
    .min(1_000, 'timeout_ms must be at least 1000')
    .max(3_600_000, 'timeout_ms must be at most 3600000 (one hour)'),
  extra_headers: extraHeadersSchema,
  /** The backend cannot fetch image URLs itself: the gateway fetches them and sends the bytes inline. */
  inline_image_urls: z.boolean({ error: 'inline_image_urls must be true or false' }),
  /** Per-field overrides of every route's capability profile on this provider (lib/catalogue). */
  capability_overrides: capabilityOverridesSchema,
};

export const createProviderBody = z.object({
  name: providerFields.name,
  model_type: providerFields.model_type,
  api_url: providerFields.api_url,
  enabled: providerFields.enabled.default(true),
  timeout_ms: providerFields.timeout_ms.default(60_000),
  extra_headers: providerFields.extra_headers.default({}),
  inline_image_urls: providerFields.inline_image_urls.default(false),
  capability_overrides: providerFields.capability_overrides.default({}),
});

/** PUT takes any subset of the fields: what is absent stays as it is. */
export const updateProviderBody = z.object(providerFields).partial();

export const listProvidersQuery = paginationQuery.extend({
  name: z.string().trim().max(100).optional(),
});

/**
 * DELETE /providers/{id}: its model routes go with it unless `?cascade=false`, which refuses (409) while it has any.
 * Absent means true, as the original API did: the original admin UI deletes without a flag and tells its user the
 * models go too. Our own UI always asks with `cascade=false` first and confirms the routes separately.
 */
export const deleteProviderQuery = z.object({
  cascade: z.enum(['true', 'false'], { error: 'cascade must be true or false' }).optional().transform((value) => value !== 'false'),
});

/** POST /providers/{id}/test. */
export const testProviderBody = z.object({
  /** With a model: a 1-token completion of it. Without: the provider's model list, which costs nothing. */
  model: z.string({ error: 'model must be text' }).trim().min(1, 'model must not be empty').max(200, 'model must be at most 200 characters').optional(),
});

export type CreateProviderInput = z.output<typeof createProviderBody>;
export type UpdateProviderInput = z.output<typeof updateProviderBody>;
export type ListProvidersQuery = z.output<typeof listProvidersQuery>;
export type TestProviderInput = z.output<typeof testProviderBody>;
