'use client';

import { Card, Col, Row, Statistic } from 'antd';
import { formatCost, formatMs, formatNumber, formatPercent } from '../_lib/format';
import type { UsageFilters, UsageStats } from '../_lib/types';
import { useUsageStats } from '../_lib/use-usage';
import { ApiErrorAlert } from './api-error-alert';

type Figure = { key: string; title: string; value: (stats: UsageStats) => string; danger?: (stats: UsageStats) => boolean };

const FIGURES: Figure[] = [
  { key: 'requests', title: 'Requests', value: (stats) => formatNumber(stats.total_requests) },
  { key: 'tokens', title: 'Tokens (in / out)', value: (stats) => `${formatNumber(stats.total_input_tokens)} / ${formatNumber(stats.total_output_tokens)}` },
  { key: 'cost', title: 'Cost', value: (stats) => formatCost(stats.total_cost) },
  { key: 'error-rate', title: 'Error rate', value: (stats) => formatPercent(stats.error_rate), danger: (stats) => stats.error_rate > 0.05 },
  { key: 'p50', title: 'Latency p50', value: (stats) => formatMs(stats.p50_latency_ms) },
  { key: 'p95', title: 'Latency p95', value: (stats) => formatMs(stats.p95_latency_ms) },
];

/** The headline figures of `/usage/stats` for the given filters. */
export function UsageStatCards({ filters }: { filters: UsageFilters }) {
  const { data, error, isLoading, mutate } = useUsageStats(filters);
  return (
    <>
      <ApiErrorAlert error={error} onRetry={() => void mutate()} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {FIGURES.map((figure) => (
          <Col key={figure.key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`stat-${figure.key}`}>
              <Statistic
                title={figure.title}
                loading={isLoading}
                value={data ? figure.value(data) : '—'}
                styles={{ content: { fontSize: 22, color: data && figure.danger?.(data) ? '#dc2626' : undefined } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
