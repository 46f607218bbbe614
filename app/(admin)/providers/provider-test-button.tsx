'use client';

import { useState } from 'react';
import { Button, Space, Tag, Tooltip } from 'antd';
import { errorMessage } from '../_lib/api-request';
import { formatMs } from '../_lib/format';
import type { ProviderTestResult } from '../_lib/types';
import { testProvider } from '../_lib/use-providers';

/** Runs a real cheap call through the provider and shows its latency, or the provider's error. */
export function ProviderTestButton({ providerId }: { providerId: number }) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ProviderTestResult | { failure: string } | null>(null);

  async function run() {
    setTesting(true);
    setResult(null);
    try {
      setResult(await testProvider(providerId));
    } catch (error) {
      setResult({ failure: errorMessage(error) });
    } finally {
      setTesting(false);
    }
  }

  return (
    <Space size={4}>
      <Button size="small" loading={testing} onClick={() => void run()}>
        Test
      </Button>
      {result && <TestResultTag result={result} />}
    </Space>
  );
}

function TestResultTag({ result }: { result: ProviderTestResult | { failure: string } }) {
  if ('failure' in result || !result.ok) {
    const message = 'failure' in result ? result.failure : `${result.status ?? ''} ${result.message}`.trim();
    return (
      <Tooltip title={message}>
        <Tag color="error" data-testid="provider-test-result" style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          Failed: {message}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag color="success" data-testid="provider-test-result">
      OK · {formatMs(result.latency_ms)}
    </Tag>
  );
}
