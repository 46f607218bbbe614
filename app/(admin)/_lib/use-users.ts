'use client';

import useSWR from 'swr';
import { apiRequest, fetcher, withQuery } from './api-request';
import { refreshResource } from './refresh';
import type { PageOf, Role, UserDto } from './types';

const PATH = '/api/v1/users';

export type CreateUserInput = { username: string; password: string; name?: string; email?: string; role: Role };
export type UpdateUserInput = Partial<Pick<UserDto, 'name' | 'email' | 'role' | 'disabled'>>;

export function useUsers(page: number, pageSize: number, search?: string, enabled = true) {
  const key = enabled ? withQuery(PATH, { page, page_size: pageSize, search }) : null;
  return useSWR<PageOf<UserDto>>(key, fetcher, { keepPreviousData: true });
}

/** The users with these ids (the owners of a page of tokens); nothing is fetched for none or when disabled. */
export function useUsersByIds(ids: number[], enabled = true) {
  const key = enabled && ids.length > 0 ? withQuery(PATH, { page: 1, page_size: 100, ids: [...new Set(ids)].sort((a, b) => a - b).join(',') }) : null;
  return useSWR<PageOf<UserDto>>(key, fetcher, { keepPreviousData: true });
}

export async function createUser(input: CreateUserInput) {
  await apiRequest('POST', PATH, input);
  await refreshResource(PATH);
}

export async function updateUser(id: number, input: UpdateUserInput) {
  await apiRequest('PUT', `${PATH}/${id}`, input);
  await refreshResource(PATH);
}

export type UserLimitsInput = Pick<UserDto, 'allowed_models' | 'rpm_limit' | 'monthly_budget'>;

export async function setUserLimits(id: number, input: UserLimitsInput) {
  await apiRequest('PUT', `${PATH}/${id}/limits`, input);
  await refreshResource(PATH);
}

export async function resetUserPassword(id: number, password: string) {
  await apiRequest('PUT', `${PATH}/${id}/password`, { password });
}

export async function deleteUser(id: number) {
  await apiRequest('DELETE', `${PATH}/${id}`);
  await refreshResource(PATH, '/api/v1/user-tokens');
}
