'use client';

import { Card, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable } from './_components/data-table';
import { formatDateTime, utcDate } from './_lib/format';
import type { ProviderDto, ProviderTokenDto, UsageRow } from './_lib/types';
import { useProviderTokens } from './_lib/use-provider-tokens';
import { useAllProviders } from './_lib/use-providers';
import { useUsageRows } from './_lib/use-usage';

type Health = 'healthy' | 'degraded' | 'no keys' | 'disabled';

type HealthRow = {
  id: number;
  name: string;
  health: Health;
  activeKeys: number;
  keys: number;
  recentErrors: number;
  lastError: { message: string; at: string | null } | null;
};

const HEALTH_COLOR: Record<Health, string> = { healthy: 'success', degraded: 'warning', 'no keys': 'error', disabled: 'default' };

// The latest failed requests (since yesterday, UTC) and every key's last error are enough to spot a sick provider.
const RECENT_ERRORS = { status: 'error', start_time: utcDate(-1) } as const;

/** Per provider: usable keys, failed requests since yesterday, and the most recent upstream error. */
export function ProviderHealthCard() {
  const providers = useAllProviders();
  const keys = useProviderTokens('all', 1, 100, { includeRetired: true });
  const errors = useUsageRows(RECENT_ERRORS, 1, 100);
  const rows = providers.data ? toHealthRows(providers.data.items, keys.data?.items ?? [], errors.data?.items ?? []) : undefined;

  const columns: TableColumnsType<HealthRow> = [
    { title: 'Provider', dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: 'Health', dataIndex: 'health', render: (health: Health) => <Tag color={HEALTH_COLOR[health]}>{health}</Tag> },
    { title: 'Active keys', key: 'keys', render: (_, row) => `${row.activeKeys} / ${row.keys}` },
    { title: 'Failures (since yesterday)', dataIndex: 'recentErrors', align: 'right' },
    {
      title: 'Last error',
      dataIndex: 'lastError',
      render: (lastError: HealthRow['lastError']) =>
        lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: lastError.message }} style={{ maxWidth: 280 }}>
            {lastError.at ? `${formatDateTime(lastError.at)}: ` : ''}
            {lastError.message}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">none</Typography.Text>
        ),
    },
  ];

  return (
    <Card title="Provider health" styles={{ body: { padding: 0 } }}>
      <DataTable<HealthRow>
        testId="provider-health"
        rowKey="id"
        columns={columns}
        rows={rows}
        loading={providers.isLoading || keys.isLoading}
        error={providers.error ?? keys.error ?? errors.error}
        onRetry={() => void Promise.all([providers.mutate(), keys.mutate(), errors.mutate()])}
        emptyText="No providers yet"
      />
    </Card>
  );
}

function toHealthRows(providers: ProviderDto[], keys: ProviderTokenDto[], failures: UsageRow[]): HealthRow[] {
  return providers.map((provider) => {
    const own = keys.filter((key) => key.provider_id === provider.id);
    const active = own.filter((key) => key.active);
    const recentErrors = failures.filter((row) => row.provider_id === provider.id).length;
    const lastKeyError = own
      .filter((key) => key.last_error)
      .sort((a, b) => (b.last_error_at ?? '').localeCompare(a.last_error_at ?? ''))[0];
    const lastFailure = failures.find((row) => row.provider_id === provider.id);
    const lastError = lastKeyError
      ? { message: lastKeyError.last_error ?? '', at: lastKeyError.last_error_at }
      : lastFailure
        ? { message: lastFailure.error_type ?? `HTTP ${lastFailure.http_status}`, at: lastFailure.created_at }
        : null;
    const health: Health = !provider.enabled ? 'disabled' : active.length === 0 ? 'no keys' : recentErrors > 0 ? 'degraded' : 'healthy';
    return { id: provider.id, name: provider.name, health, activeKeys: active.length, keys: own.length, recentErrors, lastError };
  });
}
