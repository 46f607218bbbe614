'use client';

import useSWR from 'swr';
import { apiRequest, fetcher, withQuery } from './api-request';
import { refreshResource } from './refresh';
import type { PageOf, ProviderTokenDto } from './types';

const PATH = '/api/v1/provider-tokens';

/**
 * One provider's keys (`providerId`), or every key when `providerId` is 'all'; null skips the request. The API
 * leaves keys retired by an address change out unless `includeRetired`.
 */
export function useProviderTokens(providerId: number | 'all' | null, page = 1, pageSize = 100, { includeRetired = false } = {}) {
  const key =
    providerId === null
      ? null
      : withQuery(PATH, {
          provider_id: providerId === 'all' ? undefined : providerId,
          page,
          page_size: pageSize,
          include_revoked: includeRetired ? 'true' : undefined,
        });
  return useSWR<PageOf<ProviderTokenDto>>(key, fetcher, { keepPreviousData: true });
}

export async function createProviderToken(providerId: number, token: string) {
  await apiRequest('POST', PATH, { provider_id: providerId, token });
  await refreshResource(PATH);
}

export async function setProviderTokenActive(id: number, active: boolean) {
  await apiRequest('PUT', `${PATH}/${id}`, { active });
  await refreshResource(PATH);
}

export async function deleteProviderToken(id: number) {
  await apiRequest('DELETE', `${PATH}/${id}`);
  await refreshResource(PATH);
}
