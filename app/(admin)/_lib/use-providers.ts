'use client';

import useSWR from 'swr';
import { apiRequest, fetcher, withQuery } from './api-request';
import { refreshResource } from './refresh';
import type { PageOf, ProviderDto, ProviderTestResult, UpdatedProviderDto } from './types';

const PATH = '/api/v1/providers';

export type ProviderInput = Pick<ProviderDto, 'name' | 'model_type' | 'api_url' | 'enabled' | 'timeout_ms' | 'extra_headers' | 'inline_image_urls'>;

export function useProviders(page: number, pageSize: number) {
  return useSWR<PageOf<ProviderDto>>(withQuery(PATH, { page, page_size: pageSize }), fetcher, { keepPreviousData: true });
}

/** Every provider, for select boxes and the health table; `null` skips the request (roles that cannot read it). */
export function useAllProviders(enabled = true) {
  return useSWR<PageOf<ProviderDto>>(enabled ? `${PATH}/all` : null, fetcher);
}

export async function createProvider(input: ProviderInput) {
  await apiRequest('POST', PATH, input);
  await refreshResource(PATH);
}

/** A new api_url or protocol retires the provider's keys: the answer says how many. */
export async function updateProvider(id: number, input: Partial<ProviderInput>): Promise<UpdatedProviderDto> {
  const updated = await apiRequest<UpdatedProviderDto>('PUT', `${PATH}/${id}`, input);
  await refreshResource(PATH, '/api/v1/provider-tokens');
  return updated;
}

/** Without `cascade` the server refuses (409) while model routes still use the provider. */
/** Without `cascade` the server refuses (409, naming the routes) while model routes still use the provider. */
export async function deleteProvider(id: number, { cascade = false } = {}) {
  await apiRequest('DELETE', `${PATH}/${id}?cascade=${cascade}`);
  await refreshResource(PATH, '/api/v1/ai-models', '/api/v1/provider-tokens');
}

export function testProvider(id: number): Promise<ProviderTestResult> {
  return apiRequest<ProviderTestResult>('POST', `${PATH}/${id}/test`);
}
