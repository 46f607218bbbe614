'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from './types';

export type CurrentUser = { id: number; username: string; role: Role };

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user, handed down from the admin layout's server-side session check. */
export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside the admin layout');
  return user;
}

/** Managers and admins run the gateway; plain users see only their own tokens and usage. */
export function canManage(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}
