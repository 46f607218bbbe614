'use client';

import { Card, Typography } from 'antd';

// The dashboard's charts and figures come with the admin pages issue; this is the shell they will fill.
export function DashboardView() {
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        Dashboard
      </Typography.Title>
      <Card>
        <Typography.Paragraph style={{ margin: 0 }}>
          Requests, tokens, cost, error rate, latency, top models and provider health will appear here.
        </Typography.Paragraph>
      </Card>
    </>
  );
}
