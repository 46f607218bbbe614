'use client';

import { useState } from 'react';
import { Card, Flex, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable, listTableProps } from '../_components/data-table';
import { PageHeader } from '../_components/page-header';
import { formatDateTime } from '../_lib/format';
import type { AuditLogRow } from '../_lib/types';
import { useAuditLogs, type AuditLogFilters } from '../_lib/use-audit-logs';
import { usePagination } from '../_lib/use-pagination';
import { useUsers } from '../_lib/use-users';

/** The record kinds the admin writes name as their target (lib/audit). */
const TARGETS = [
  { value: 'provider', label: 'Providers' },
  { value: 'provider_token', label: 'Provider keys' },
  { value: 'ai_model', label: 'Models' },
  { value: 'user_token', label: 'User tokens' },
  { value: 'user', label: 'Users' },
];

const COLUMNS: TableColumnsType<AuditLogRow> = [
  { title: 'Time', dataIndex: 'created_at', render: (at: string) => formatDateTime(at) },
  { title: 'Actor', dataIndex: 'actor_name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
  { title: 'Action', dataIndex: 'action', render: (action: string) => <Tag>{action}</Tag> },
  { title: 'Target', key: 'target', render: (_, row) => (row.target_id ? `${row.target} #${row.target_id}` : row.target) },
  {
    title: 'Detail',
    dataIndex: 'detail',
    render: (detail: unknown) => {
      if (!detail || typeof detail !== 'object' || Object.keys(detail).length === 0) return '—';
      const text = JSON.stringify(detail);
      return (
        <Typography.Text code ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }}>
          {text}
        </Typography.Text>
      );
    },
  },
];

/** Who changed what: every admin write, newest first, filtered by the kind of record and by who made it. */
export function AuditLogView() {
  const [filters, setFilters] = useState<AuditLogFilters>({});
  const { page, pageSize, resetPage, tablePagination } = usePagination();
  const list = useAuditLogs(filters, page, pageSize);
  const actors = useUsers(1, 100, '');
  const change = (next: AuditLogFilters) => {
    resetPage();
    setFilters(next);
  };

  return (
    <>
      <PageHeader title="Audit log" description="Every change made through the admin API, newest first. Secrets are never recorded." />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="Filter by record"
          allowClear
          placeholder="All records"
          style={{ minWidth: 180 }}
          options={TARGETS}
          value={filters.target}
          onChange={(target?: string) => change({ ...filters, target })}
        />
        <Select
          aria-label="Filter by actor"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="Anyone"
          style={{ minWidth: 180 }}
          loading={actors.isLoading}
          options={actors.data?.items.map((user) => ({ value: user.id, label: user.username }))}
          value={filters.actor_id}
          onChange={(actor_id?: number) => change({ ...filters, actor_id })}
        />
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <DataTable<AuditLogRow>
          testId="audit-log-table"
          rowKey="id"
          columns={COLUMNS}
          {...listTableProps(list)}
          pagination={tablePagination(list.data?.total)}
          emptyText="No changes match these filters"
        />
      </Card>
    </>
  );
}
