'use client';

import { useState } from 'react';
import { App, Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ConfirmButton } from '../_components/confirm-button';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { DataTable, listTableProps } from '../_components/data-table';
import { PageHeader } from '../_components/page-header';
import { ApiError } from '../_lib/api-request';
import type { ProviderDto } from '../_lib/types';
import { usePagination } from '../_lib/use-pagination';
import { deleteProvider, useProviders } from '../_lib/use-providers';
import { ImportModelsModal } from './import-models-modal';
import { ProviderFormModal } from './provider-form-modal';
import { ProviderKeysDrawer } from './provider-keys-drawer';
import { ProviderTestButton } from './provider-test-button';

type Editing = { provider: ProviderDto | null } | null;

export function ProvidersView() {
  const { page, pageSize, tablePagination } = usePagination();
  const list = useProviders(page, pageSize);
  const [editing, setEditing] = useState<Editing>(null);
  const [keysOf, setKeysOf] = useState<ProviderDto | null>(null);
  const [importFrom, setImportFrom] = useState<ProviderDto | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>();
  const { modal } = App.useApp();

  async function remove(provider: ProviderDto) {
    setDeleteError(undefined);
    try {
      await deleteProvider(provider.id);
    } catch (error) {
      // The server names the model routes that still use the provider; deleting them too is a second, explicit choice.
      if (error instanceof ApiError && error.status === 409) confirmCascade(provider, error.message);
      else setDeleteError(error);
    }
  }

  function confirmCascade(provider: ProviderDto, reason: string) {
    modal.confirm({
      title: `Delete ${provider.name} and its model routes?`,
      content: reason,
      okText: 'Delete all',
      okButtonProps: { danger: true },
      onOk: () => deleteProvider(provider.id, { cascade: true }).catch(setDeleteError),
    });
  }

  const columns: TableColumnsType<ProviderDto> = [
    { title: 'Name', dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: 'Protocol',
      dataIndex: 'model_type',
      render: (type: string, provider) => (
        <Space size={4} wrap>
          <Tag>{type}</Tag>
          {provider.inline_image_urls && <Tag color="blue">fetches image URLs</Tag>}
        </Space>
      ),
    },
    { title: 'API URL', dataIndex: 'api_url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
    { title: 'Status', dataIndex: 'enabled', render: (enabled: boolean) => (enabled ? <Tag color="success">enabled</Tag> : <Tag>disabled</Tag>) },
    { title: 'Timeout', dataIndex: 'timeout_ms', render: (ms: number) => `${ms / 1000} s` },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, provider) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setKeysOf(provider)}>
            Keys
          </Button>
          <ProviderTestButton providerId={provider.id} />
          <Button size="small" onClick={() => setImportFrom(provider)}>
            Import models
          </Button>
          <Button size="small" onClick={() => setEditing({ provider })}>
            Edit
          </Button>
          <ConfirmButton label="Delete" title={`Delete ${provider.name}?`} description="Its keys are deleted with it." onConfirm={() => remove(provider)} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Providers"
        description="Upstream LLM services the gateway routes to, with their API keys."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ provider: null })}>
            Add provider
          </Button>
        }
      />
      <ApiErrorAlert error={deleteError} title="Could not delete the provider" />
      <DataTable<ProviderDto>
        testId="providers-table"
        rowKey="id"
        columns={columns}
        {...listTableProps(list)}
        pagination={tablePagination(list.data?.total)}
        emptyText="No providers yet: add one to start routing requests"
      />
      <ProviderFormModal open={editing !== null} provider={editing?.provider ?? null} onClose={() => setEditing(null)} />
      <ProviderKeysDrawer provider={keysOf} onClose={() => setKeysOf(null)} />
      <ImportModelsModal provider={importFrom} onClose={() => setImportFrom(null)} />
    </>
  );
}
