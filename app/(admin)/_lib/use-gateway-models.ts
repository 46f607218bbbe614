'use client';

import useSWR from 'swr';
import { ApiError } from './api-request';

type ModelList = { data: { id: string; owned_by?: string }[] };

/**
 * The models a gateway token may call, from the LLM proxy's own `/v1/models`. The proxy authenticates with the
 * token, not the session, and answers errors in OpenAI's shape, hence a fetcher of its own.
 */
export function useGatewayModels(token: string | null) {
  return useSWR<string[]>(token ? ['/v1/models', token] : null, ([path, bearer]: [string, string]) => fetchModelNames(path, bearer));
}

async function fetchModelNames(path: string, token: string): Promise<string[]> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw await gatewayError(response);
  const body = (await response.json()) as ModelList;
  return body.data.map((model) => model.id);
}

/** An OpenAI-shaped error answer (`{error: {message}}`) as an ApiError. */
export async function gatewayError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return new ApiError(response.status, body?.error?.message ?? `The gateway answered ${response.status}`);
}
