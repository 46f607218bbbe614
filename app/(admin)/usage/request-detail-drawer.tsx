'use client';

import { Alert, Descriptions, Drawer, Flex, List, Skeleton, Table, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { formatCost, formatDateTime, formatMs, formatNumber } from '../_lib/format';
import type { UsageAttempt, UsageDetail } from '../_lib/types';
import { useUsageDetail } from '../_lib/use-usage';

const OUTCOME_COLORS: Record<UsageAttempt['outcome'], string> = { answered: 'success', failed: 'warning', error: 'error' };

const ATTEMPT_COLUMNS: TableColumnsType<UsageAttempt> = [
  { title: '#', key: 'index', width: 40, render: (_, _attempt, index) => index + 1 },
  {
    title: 'Route',
    key: 'route',
    render: (_, attempt) => (
      <Flex vertical>
        <Typography.Text strong>{attempt.provider_name}</Typography.Text>
        <Typography.Text type="secondary">
          {attempt.provider_model} · {attempt.upstream_protocol}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    title: 'Key',
    dataIndex: 'key_hint',
    render: (hint: string | null, attempt) => <Typography.Text code>{hint ? `…${hint}` : `#${attempt.provider_token_id}`}</Typography.Text>,
  },
  {
    title: 'Outcome',
    dataIndex: 'outcome',
    render: (outcome: UsageAttempt['outcome'], attempt) => (
      <Flex vertical gap={2} align="start">
        <Tag color={OUTCOME_COLORS[outcome]}>
          {outcome}
          {attempt.http_status === null ? '' : ` · ${attempt.http_status}`}
        </Tag>
        {attempt.reason && <Typography.Text type="secondary">{attempt.reason}</Typography.Text>}
      </Flex>
    ),
  },
  { title: 'Started', dataIndex: 'started_ms', align: 'right', render: (ms: number) => `+${formatMs(ms)}` },
  { title: 'Took', dataIndex: 'duration_ms', align: 'right', render: formatMs },
  { title: 'TTFT', dataIndex: 'ttft_ms', align: 'right', render: formatMs },
];

/** Everything known about one request: who sent it, how it was routed and converted, every attempt, tokens and cost. */
export function RequestDetailDrawer({ usageId, onClose }: { usageId: number | null; onClose: () => void }) {
  const detail = useUsageDetail(usageId);
  return (
    <Drawer
      title="Request detail"
      open={usageId !== null}
      onClose={onClose}
      size="min(860px, 100vw)"
      destroyOnHidden
      data-testid="request-detail"
    >
      {detail.error ? (
        <Alert type="error" showIcon title="The request could not be loaded" description={(detail.error as Error).message} />
      ) : !detail.data ? (
        <Skeleton active />
      ) : (
        <RequestDetail row={detail.data} />
      )}
    </Drawer>
  );
}

function RequestDetail({ row }: { row: UsageDetail }) {
  const summary: DescriptionsProps['items'] = [
    { key: 'request', label: 'Request id', children: <Typography.Text copyable>{row.request_id}</Typography.Text>, span: 'filled' },
    { key: 'time', label: 'Time', children: formatDateTime(row.created_at) },
    {
      key: 'model',
      label: 'Model',
      children: row.model_name ? row.model_name : <Typography.Text type="secondary">— {row.error_type ?? 'no model'}</Typography.Text>,
    },
    {
      key: 'status',
      label: 'Status',
      children: (
        <Tag color={row.status === 'ok' ? 'success' : 'error'}>
          {row.http_status}
          {row.error_type ? ` · ${row.error_type}` : ''}
        </Tag>
      ),
    },
    {
      key: 'protocols',
      label: 'Protocols',
      children: `${row.client_protocol} → ${row.upstream_protocol ?? 'none'}${row.stream ? ' · stream' : ''}`,
    },
    { key: 'token', label: 'Token', children: row.user_token_id === null ? '—' : `${row.user_token_name || '(unnamed)'} #${row.user_token_id}` },
    { key: 'user', label: 'User', children: row.username ?? (row.user_id === null ? '—' : `#${row.user_id}`) },
    { key: 'latency', label: 'Latency', children: formatMs(row.latency_ms) },
    { key: 'ttft', label: 'Time to first token', children: formatMs(row.ttft_ms) },
  ];
  const tokens: DescriptionsProps['items'] = [
    { key: 'input', label: 'Input', children: formatNumber(row.input_tokens) },
    { key: 'output', label: 'Output', children: formatNumber(row.output_tokens) },
    { key: 'cache-read', label: 'Cache read', children: formatNumber(row.cache_read_tokens) },
    { key: 'cache-write', label: 'Cache write', children: formatNumber(row.cache_creation_tokens) },
    { key: 'input-cost', label: 'Input cost', children: formatCost(row.input_cost, row.currency) },
    { key: 'output-cost', label: 'Output cost', children: formatCost(row.output_cost, row.currency) },
    { key: 'total-cost', label: 'Total cost', children: <Typography.Text strong>{formatCost(row.total_cost, row.currency)}</Typography.Text> },
  ];
  return (
    <Flex vertical gap={24}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={summary} />
      <section aria-label="Attempts">
        <Typography.Title level={5}>Attempts ({row.attempts})</Typography.Title>
        {row.attempt_log ? (
          <Table<UsageAttempt>
            data-testid="request-attempts"
            rowKey={(attempt) => `${attempt.started_ms}-${attempt.provider_token_id}`}
            columns={ATTEMPT_COLUMNS}
            dataSource={row.attempt_log}
            pagination={false}
            size="small"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: 'No upstream was tried: the gateway answered on its own' }}
          />
        ) : (
          <Typography.Text type="secondary">This row keeps no attempt detail (reported by an engine, or recorded before attempts were kept).</Typography.Text>
        )}
      </section>
      <section aria-label="Tokens and cost">
        <Typography.Title level={5}>Tokens and cost</Typography.Title>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={tokens} />
      </section>
      <section aria-label="Conversion notes">
        <Typography.Title level={5}>Conversion notes</Typography.Title>
        {row.conversion_notes.length === 0 ? (
          <Typography.Text type="secondary">
            {row.upstream_protocol && row.upstream_protocol !== row.client_protocol ? 'Converted without loss.' : 'No conversion.'}
          </Typography.Text>
        ) : (
          <List size="small" bordered dataSource={row.conversion_notes} renderItem={(note) => <List.Item>{note}</List.Item>} />
        )}
      </section>
    </Flex>
  );
}
