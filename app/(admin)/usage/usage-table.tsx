'use client';

import { useState } from 'react';
import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DataTable, listTableProps } from '../_components/data-table';
import { formatCost, formatDateTime, formatMs, formatNumber } from '../_lib/format';
import type { UsageFilters, UsageRow } from '../_lib/types';
import { usePagination } from '../_lib/use-pagination';
import { useUsageRows } from '../_lib/use-usage';
import { RequestDetailDrawer } from './request-detail-drawer';

const COLUMNS: TableColumnsType<UsageRow> = [
  { title: 'Time', dataIndex: 'created_at', render: (at: string) => formatDateTime(at) },
  {
    title: 'Model',
    dataIndex: 'model_name',
    // A request refused before it named a model (no token, a malformed body) has none: say why instead.
    render: (name: string, row) =>
      name ? <Typography.Text strong>{name}</Typography.Text> : <Typography.Text type="secondary">— {row.error_type ?? 'no model'}</Typography.Text>,
  },
  {
    title: 'Status',
    dataIndex: 'status',
    render: (status: UsageRow['status'], row) =>
      status === 'ok' ? (
        <Tag color="success">{row.http_status}</Tag>
      ) : (
        <Tooltip title={row.error_type ?? undefined}>
          <Tag color="error">{row.http_status}</Tag>
        </Tooltip>
      ),
  },
  { title: 'Input', dataIndex: 'input_tokens', align: 'right', render: formatNumber },
  { title: 'Output', dataIndex: 'output_tokens', align: 'right', render: formatNumber },
  { title: 'Cost', dataIndex: 'total_cost', align: 'right', render: (cost: number, row) => formatCost(cost, row.currency) },
  { title: 'Latency', dataIndex: 'latency_ms', align: 'right', render: formatMs },
  { title: 'Protocol', key: 'protocol', render: (_, row) => `${row.client_protocol}${row.upstream_protocol && row.upstream_protocol !== row.client_protocol ? ` → ${row.upstream_protocol}` : ''}${row.stream ? ' · stream' : ''}` },
  { title: 'Token', dataIndex: 'user_token_id', render: (id: number | null) => (id ? `#${id}` : '—') },
  { title: 'Request', dataIndex: 'request_id', render: (id: string) => <Typography.Text type="secondary" copyable={{ text: id }}>{id.slice(0, 12)}</Typography.Text> },
];

/** The filtered usage rows, paginated on the server; a row opens its request detail. The parent remounts it (key) when the filters change. */
export function UsageTable({ filters }: { filters: UsageFilters }) {
  const { page, pageSize, tablePagination } = usePagination();
  const list = useUsageRows(filters, page, pageSize);
  const [opened, setOpened] = useState<number | null>(null);
  return (
    <>
      <DataTable<UsageRow>
        testId="usage-table"
        rowKey="request_id"
        columns={COLUMNS}
        {...listTableProps(list)}
        pagination={tablePagination(list.data?.total)}
        emptyText="No requests match these filters"
        onRowClick={(row) => setOpened(row.id)}
      />
      <RequestDetailDrawer usageId={opened} onClose={() => setOpened(null)} />
    </>
  );
}
