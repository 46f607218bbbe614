'use client';

import { useState } from 'react';
import { Button, Flex, Input, Select, Space, Switch, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ConfirmButton } from '../_components/confirm-button';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { DataTable, listTableProps } from '../_components/data-table';
import { PageHeader } from '../_components/page-header';
import { formatCost } from '../_lib/format';
import type { AiModelDto } from '../_lib/types';
import { useAdminAction } from '../_lib/use-admin-action';
import { deleteAiModel, setAiModelStatus, useAiModels } from '../_lib/use-ai-models';
import { usePagination } from '../_lib/use-pagination';
import { useAllProviders } from '../_lib/use-providers';
import { ModelFormModal } from './model-form-modal';

type Editing = { model: AiModelDto | null } | null;

export function ModelsView() {
  const { page, pageSize, resetPage, tablePagination } = usePagination();
  const [name, setName] = useState<string>();
  const [providerId, setProviderId] = useState<number>();
  const list = useAiModels({ page, pageSize, name, providerId });
  const providers = useAllProviders();
  const [editing, setEditing] = useState<Editing>(null);
  const { error: actionError, run: act } = useAdminAction();
  const spans = groupSpans(list.data?.items ?? []);

  const columns: TableColumnsType<AiModelDto> = [
    {
      title: 'Public name',
      dataIndex: 'name',
      onCell: (_, index) => ({ rowSpan: spans[index ?? 0] }),
      render: (value: string) => <Typography.Text strong>{value}</Typography.Text>,
    },
    { title: 'Provider', dataIndex: 'provider_name' },
    { title: "Provider's model", dataIndex: 'provider_model_name', render: (value: string) => <Typography.Text code>{value}</Typography.Text> },
    { title: 'Priority', dataIndex: 'priority' },
    { title: 'Weight', dataIndex: 'weight' },
    {
      title: 'Price / 1M (in · out · cache)',
      key: 'price',
      render: (_, model) =>
        [model.input_price, model.output_price, model.cache_read_price].map((price) => formatCost(price, model.currency)).join(' · '),
    },
    {
      title: 'Status',
      dataIndex: 'status',
      render: (status: AiModelDto['status'], model) => (
        <Switch
          size="small"
          checked={status === 'active'}
          checkedChildren="on"
          unCheckedChildren="off"
          aria-label={`${model.name} via ${model.provider_name} active`}
          onChange={(on) => void act(() => setAiModelStatus(model.id, on ? 'active' : 'disabled'))}
        />
      ),
    },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, model) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing({ model })}>
            Edit
          </Button>
          <ConfirmButton label="Delete" title={`Delete the route ${model.name} → ${model.provider_name}?`} onConfirm={() => act(() => deleteAiModel(model.id))} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Models"
        description="Routes from the model names clients send to providers; the same name on several providers fails over by priority and shares load by weight."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ model: null })}>
            Add route
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="Filter by name"
          allowClear
          onSearch={(value) => {
            setName(value.trim() || undefined);
            resetPage();
          }}
          style={{ width: 240 }}
        />
        <Select
          placeholder="All providers"
          allowClear
          value={providerId}
          onChange={(value: number | undefined) => {
            setProviderId(value);
            resetPage();
          }}
          options={(providers.data?.items ?? []).map((provider) => ({ value: provider.id, label: provider.name }))}
          style={{ width: 200 }}
        />
      </Flex>
      <ApiErrorAlert error={actionError} title="The change was not saved" />
      <DataTable<AiModelDto>
        testId="models-table"
        rowKey="id"
        columns={columns}
        {...listTableProps(list)}
        pagination={tablePagination(list.data?.total)}
        emptyText="No model routes yet"
      />
      <ModelFormModal open={editing !== null} model={editing?.model ?? null} onClose={() => setEditing(null)} />
    </>
  );
}

/** Rows arrive ordered by name, then priority: the first row of each name spans the rest of its group. */
function groupSpans(rows: AiModelDto[]): number[] {
  return rows.map((row, index) => {
    if (index > 0 && rows[index - 1].name === row.name) return 0;
    let span = 1;
    while (rows[index + span]?.name === row.name) span += 1;
    return span;
  });
}
