'use client';

import useSWR from 'swr';
import { apiRequest, fetcher, withQuery } from './api-request';
import { refreshResource } from './refresh';
import type { PageOf, UserTokenDto, UserTokenWithSecretDto } from './types';

const PATH = '/api/v1/user-tokens';

export type UserTokenInput = {
  name: string;
  allowed_models: string[];
  rpm_limit: number | null;
  monthly_budget: number | null;
  expires_at: string | null;
};

/**
 * Tokens the caller may see (own for users, all for admins and managers); `userId` narrows to one owner. The API
 * leaves revoked tokens out unless `includeRevoked`.
 */
export function useUserTokens(page: number, pageSize: number, userId?: number, { includeRevoked = false } = {}) {
  const query = { page, page_size: pageSize, user_id: userId, include_revoked: includeRevoked ? 'true' : undefined };
  return useSWR<PageOf<UserTokenDto>>(withQuery(PATH, query), fetcher, { keepPreviousData: true });
}

export async function createUserToken(input: UserTokenInput): Promise<UserTokenWithSecretDto> {
  const token = await apiRequest<UserTokenWithSecretDto>('POST', PATH, input);
  await refreshResource(PATH);
  return token;
}

export async function regenerateUserToken(id: number): Promise<UserTokenWithSecretDto> {
  const token = await apiRequest<UserTokenWithSecretDto>('POST', `${PATH}/${id}/regenerate`);
  await refreshResource(PATH);
  return token;
}

export async function revokeUserToken(id: number) {
  await apiRequest('DELETE', `${PATH}/${id}`);
  await refreshResource(PATH);
}
