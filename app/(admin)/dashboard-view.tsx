'use client';

import { useState } from 'react';
import { Col, Row, Typography } from 'antd';
import { PageHeader } from './_components/page-header';
import { UsageDistributionCard, UsageTrendCard } from './_components/usage-charts';
import { UsageStatCards } from './_components/usage-stat-cards';
import { canManage, useCurrentUser } from './_lib/current-user';
import { utcDate } from './_lib/format';
import { ProviderHealthCard } from './provider-health-card';

/** Today's figures, the last two weeks' trend, the month's top models and, for operators, provider health. */
export function DashboardView() {
  const { role } = useCurrentUser();
  // Fixed when the page opens, so SWR keys stay stable while it is open.
  const [ranges] = useState(() => ({
    today: { start_time: utcDate(0), end_time: utcDate(0) },
    fortnight: { start_time: utcDate(-13), end_time: utcDate(0) },
    month: { start_time: utcDate(-29), end_time: utcDate(0) },
  }));

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={canManage(role) ? 'The whole gateway, today (UTC).' : 'Your own usage, today (UTC).'}
      />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        Today
      </Typography.Title>
      <UsageStatCards filters={ranges.today} />
      <Row gutter={[16, 16]} align="stretch" style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <UsageTrendCard filters={ranges.fortnight} title="Last 14 days" />
        </Col>
        <Col xs={24} lg={10}>
          <UsageDistributionCard filters={ranges.month} title="Top models (30 days)" />
        </Col>
      </Row>
      {canManage(role) && <ProviderHealthCard />}
    </>
  );
}
