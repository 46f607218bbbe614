'use client';

import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api-request';

/**
 * Validates a form before anything is sent, then runs `submit`; a failure puts the server's field errors on the
 * matching fields (`extra_headers.X-Foo` lands on `extra_headers`) and keeps the envelope's message for an Alert.
 */
export function useFormSubmit<T>(form: FormInstance<T>, submit: (values: T) => Promise<void>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  async function run(): Promise<boolean> {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await submit(values);
      return true;
    } catch (caught) {
      applyFieldErrors(form, caught);
      setError(errorMessage(caught));
      return false;
    } finally {
      setSubmitting(false);
    }
  }

  return { submitting, error, run, clearError: () => setError(undefined) };
}

function applyFieldErrors<T>(form: FormInstance<T>, error: unknown) {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return;
  const byField = new Map<string, string[]>();
  for (const { field, message } of error.fieldErrors) {
    // Errors for names the form has no field for (`body`, `query`) are dropped by antd; the Alert still shows them.
    const name = field.split('.')[0];
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
}
