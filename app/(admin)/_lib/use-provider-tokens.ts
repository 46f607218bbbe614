'use client';

import useSWR from 'swr';
import { apiRequest, fetcher, withQuery } from './api-request';
import { refreshResource } from './refresh';
import type { PageOf, ProviderTokenDto } from './types';

const PATH = '/api/v1/provider-tokens';

/** One provider's keys (`providerId`), or every key when `providerId` is 'all'; null skips the request. */
export function useProviderTokens(providerId: number | 'all' | null, page = 1, pageSize = 100) {
  const key =
    providerId === null
      ? null
      : withQuery(PATH, { provider_id: providerId === 'all' ? undefined : providerId, page, page_size: pageSize });
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
