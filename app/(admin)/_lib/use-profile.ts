'use client';

import useSWR from 'swr';
import { apiRequest, fetcher } from './api-request';
import type { UserDto } from './types';

export type PasswordChange = { current_password: string; new_password: string };

export function useProfile() {
  return useSWR<UserDto>('/api/v1/auth/me', fetcher);
}

export function changeOwnPassword(change: PasswordChange): Promise<unknown> {
  return apiRequest('PUT', '/api/v1/auth/password', change);
}
