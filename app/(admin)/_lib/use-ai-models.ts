'use client';

import useSWR from 'swr';
import { apiRequest, fetcher, withQuery } from './api-request';
import { refreshResource } from './refresh';
import type { AiModelDto, PageOf } from './types';

const PATH = '/api/v1/ai-models';

export type AiModelInput = Pick<
  AiModelDto,
  | 'name'
  | 'provider_id'
  | 'provider_model_name'
  | 'status'
  | 'priority'
  | 'weight'
  | 'input_price'
  | 'output_price'
  | 'cache_read_price'
  | 'cache_write_price'
  | 'capability_overrides'
  | 'currency'
>;

export type AiModelQuery = { page: number; pageSize: number; name?: string; providerId?: number };

export function useAiModels({ page, pageSize, name, providerId }: AiModelQuery, enabled = true) {
  const key = enabled ? withQuery(PATH, { page, page_size: pageSize, name, provider_id: providerId }) : null;
  return useSWR<PageOf<AiModelDto>>(key, fetcher, { keepPreviousData: true });
}

export async function createAiModel(input: AiModelInput) {
  await apiRequest('POST', PATH, input);
  await refreshResource(PATH);
}

export async function updateAiModel(id: number, input: Partial<AiModelInput>) {
  await apiRequest('PUT', `${PATH}/${id}`, input);
  await refreshResource(PATH);
}

export async function setAiModelStatus(id: number, status: AiModelDto['status']) {
  await apiRequest('PATCH', `${PATH}/${id}/status`, { status });
  await refreshResource(PATH);
}

export async function deleteAiModel(id: number) {
  await apiRequest('DELETE', `${PATH}/${id}`);
  await refreshResource(PATH);
}
