'use client';

import { useState } from 'react';
import { Button, Card, Col, Row } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useSWRConfig } from 'swr';
import { PageHeader } from '../_components/page-header';
import { UsageDistributionCard, UsageTrendCard } from '../_components/usage-charts';
import { UsageFilterBar } from '../_components/usage-filter-bar';
import { UsageStatCards } from '../_components/usage-stat-cards';
import { canManage, useCurrentUser } from '../_lib/current-user';
import { utcDate } from '../_lib/format';
import type { UsageFilters } from '../_lib/types';
import { usageExportHref } from '../_lib/use-usage';
import { UsageTable } from './usage-table';

export function UsageView() {
  const { role } = useCurrentUser();
  const [filters, setFilters] = useState<UsageFilters>(() => ({ start_time: utcDate(-6), end_time: utcDate(0) }));
  const { mutate } = useSWRConfig();

  return (
    <>
      <PageHeader
        title="Usage"
        description={canManage(role) ? 'Every request through the gateway (dates are UTC days).' : 'Your requests through the gateway (dates are UTC days).'}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void mutate((key) => typeof key === 'string' && key.startsWith('/api/v1/usage'))}>
              Refresh
            </Button>
            {/* A plain link: the server streams the whole filtered result, however large, as a download. */}
            <Button icon={<DownloadOutlined />} href={usageExportHref(filters)} download>
              Export CSV
            </Button>
          </>
        }
      />
      <UsageFilterBar value={filters} onChange={setFilters} />
      <UsageStatCards filters={filters} />
      <Row gutter={[16, 16]} align="stretch" style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <UsageTrendCard filters={filters} />
        </Col>
        <Col xs={24} lg={10}>
          <UsageDistributionCard filters={filters} />
        </Col>
      </Row>
      <Card title="Requests" styles={{ body: { padding: 0 } }}>
        <UsageTable key={JSON.stringify(filters)} filters={filters} />
      </Card>
    </>
  );
}
