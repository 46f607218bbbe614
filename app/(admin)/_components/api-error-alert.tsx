'use client';

import { Alert, Button } from 'antd';
import { errorMessage } from '../_lib/api-request';

type ApiErrorAlertProps = { error: unknown; onRetry?: () => void; onClose?: () => void; title?: string };

/** A failed SWR read or write, in the envelope's own words, with a retry for reads; `onClose` makes it dismissable. */
export function ApiErrorAlert({ error, onRetry, onClose, title = 'Could not load data' }: ApiErrorAlertProps) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorMessage(error)}
      closable={onClose && { onClose }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
