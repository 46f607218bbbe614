'use client';

import { useState } from 'react';
import { Card, Empty, Segmented, Skeleton } from 'antd';
import { formatCost, formatNumber, formatPercent } from '../_lib/format';
import type { UsageFilters } from '../_lib/types';
import { useUsageDistribution, useUsageTrend } from '../_lib/use-usage';
import { ApiErrorAlert } from './api-error-alert';
import { BarList } from './bar-list';
import { compactNumber, LineChart } from './line-chart';

type Metric = 'requests' | 'tokens' | 'cost';

const METRICS: { label: string; value: Metric }[] = [
  { label: 'Requests', value: 'requests' },
  { label: 'Tokens', value: 'tokens' },
  { label: 'Cost', value: 'cost' },
];

/** Requests (with errors), tokens or cost per day over the filtered range. */
export function UsageTrendCard({ filters, title = 'Trend' }: { filters: UsageFilters; title?: string }) {
  const [metric, setMetric] = useState<Metric>('requests');
  const { data, error, isLoading, mutate } = useUsageTrend(filters);
  const trend = data?.trend ?? [];
  const quiet = trend.every((point) => point.requests === 0);
  const series =
    metric === 'requests'
      ? [
          { name: 'Requests', color: '#4f46e5', values: trend.map((point) => point.requests) },
          { name: 'Errors', color: '#ef4444', values: trend.map((point) => point.errors) },
        ]
      : [{ name: metric === 'tokens' ? 'Tokens' : 'Cost', color: '#4f46e5', values: trend.map((point) => point[metric]) }];
  const formatValue = metric === 'cost' ? (value: number) => formatCost(value) : compactNumber;

  return (
    <Card
      title={title}
      extra={<Segmented<Metric> size="small" options={METRICS} value={metric} onChange={setMetric} />}
      style={{ height: '100%' }}
    >
      <ApiErrorAlert error={error} onRetry={() => void mutate()} />
      {isLoading ? (
        <Skeleton active />
      ) : quiet ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No requests in this period" />
      ) : (
        <LineChart labels={trend.map((point) => point.date)} series={series} formatValue={formatValue} integer={metric !== 'cost'} ariaLabel={`${metric} per day`} />
      )}
    </Card>
  );
}

/** Share of requests per public model name over the filtered range. */
export function UsageDistributionCard({ filters, title = 'Models' }: { filters: UsageFilters; title?: string }) {
  const { data, error, isLoading, mutate } = useUsageDistribution(filters);
  const items = (data?.distribution ?? []).slice(0, 8).map((item) => ({
    key: item.model_name,
    label: item.model_name,
    value: item.requests,
    caption: `${formatNumber(item.requests)} req · ${formatCost(item.cost)} · ${formatPercent(item.percent / 100)}`,
  }));

  return (
    <Card title={title} style={{ height: '100%' }}>
      <ApiErrorAlert error={error} onRetry={() => void mutate()} />
      {isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No requests in this period" />
      ) : (
        <BarList items={items} ariaLabel="Requests per model" />
      )}
    </Card>
  );
}
