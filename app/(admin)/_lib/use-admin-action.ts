'use client';

import { useState } from 'react';

/**
 * A row action of a list page (toggle, delete, regenerate): `run` clears the last failure, runs the action and
 * keeps what it threw for an ApiErrorAlert. It never rejects, so a Popconfirm's spinner stops either way; the
 * action itself refreshes what it changed (see refresh.ts).
 */
export function useAdminAction() {
  const [error, setError] = useState<unknown>();

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  }

  return { error, run, clearError: () => setError(undefined) };
}
