'use client';

import { Alert, Button, Drawer, Form, Input, Space, Switch, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { ConfirmButton } from '../_components/confirm-button';
import { DataTable, listTableProps } from '../_components/data-table';
import { formatDateTime } from '../_lib/format';
import type { ProviderDto, ProviderTokenDto } from '../_lib/types';
import { useAdminAction } from '../_lib/use-admin-action';
import { useFormSubmit } from '../_lib/use-form-submit';
import {
  createProviderToken,
  deleteProviderToken,
  setProviderTokenActive,
  useProviderTokens,
} from '../_lib/use-provider-tokens';

type ProviderKeysDrawerProps = { provider: ProviderDto | null; onClose: () => void };

const RETIRED_EXPLANATION =
  "Turned off for good when the provider's API URL or protocol changed: a key is only sent to the address it was entered for. Add the key again to use it; this entry can only be deleted.";

/** A provider's API keys: shown by their last four characters only; add, turn on or off, delete. */
export function ProviderKeysDrawer({ provider, onClose }: ProviderKeysDrawerProps) {
  // Retired keys are shown, marked, until they are deleted.
  const list = useProviderTokens(provider?.id ?? null, 1, 100, { includeRetired: true });
  const { error: actionError, run: act, clearError } = useAdminAction();

  const columns: TableColumnsType<ProviderTokenDto> = [
    { title: 'Key', dataIndex: 'token_hint', render: (hint: string) => <Typography.Text code>{hint ? `…${hint}` : '(short key)'}</Typography.Text> },
    {
      title: 'Active',
      dataIndex: 'active',
      render: (active: boolean, key) =>
        key.retired_at ? (
          <Tooltip title={RETIRED_EXPLANATION}>
            <Tag color="warning" data-testid="provider-key-retired">
              retired {formatDateTime(key.retired_at)}
            </Tag>
          </Tooltip>
        ) : (
          <Switch size="small" checked={active} aria-label={`Key …${key.token_hint} active`} onChange={(next) => void act(() => setProviderTokenActive(key.id, next))} />
        ),
    },
    {
      title: 'Last error',
      dataIndex: 'last_error',
      render: (lastError: string | null, key) =>
        lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: lastError }} style={{ maxWidth: 180 }}>
            {formatDateTime(key.last_error_at)}: {lastError}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">none</Typography.Text>
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_, key) => (
        <ConfirmButton label="Delete" title="Delete this key?" description="Requests stop using it at once." onConfirm={() => act(() => deleteProviderToken(key.id))} />
      ),
    },
  ];

  return (
    <Drawer title={provider ? `Keys of ${provider.name}` : 'Keys'} open={provider !== null} onClose={onClose} size="min(640px, 100vw)" destroyOnHidden>
      {provider && <AddKeyForm providerId={provider.id} />}
      {list.data?.items.some((key) => key.retired_at) && (
        <Alert type="warning" showIcon data-testid="provider-keys-retired-notice" style={{ marginBottom: 16 }} title="Keys turned off by an address change" description={RETIRED_EXPLANATION} />
      )}
      <ApiErrorAlert error={actionError} title="The change was not saved" onClose={clearError} />
      <DataTable<ProviderTokenDto>
        testId="provider-keys"
        rowKey="id"
        columns={columns}
        {...listTableProps(list)}
        emptyText="No keys yet: requests to this provider cannot be sent"
      />
    </Drawer>
  );
}

type AddKeyValues = { token: string };

function AddKeyForm({ providerId }: { providerId: number }) {
  const [form] = Form.useForm<AddKeyValues>();
  const { submitting, error, run } = useFormSubmit(form, async ({ token }) => {
    await createProviderToken(providerId, token.trim());
    form.resetFields();
  });

  return (
    <Form<AddKeyValues> form={form} onFinish={() => void run()} disabled={submitting} style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="token" noStyle rules={[{ required: true, whitespace: true, message: 'Paste the API key' }]}>
          <Input.Password placeholder="Paste a new API key" aria-label="New API key" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          Add key
        </Button>
      </Space.Compact>
      <Form.Item shouldUpdate noStyle>
        {() => <Form.ErrorList errors={form.getFieldError('token')} />}
      </Form.Item>
    </Form>
  );
}
