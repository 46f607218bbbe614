'use client';

import { useState } from 'react';
import { Button, Space, Tag, Tooltip } from 'antd';
import { errorMessage } from '../_lib/api-request';
import { formatMs } from '../_lib/format';
import type { ProviderTestResult } from '../_lib/types';
import { testProvider } from '../_lib/use-providers';

/** Runs a real cheap call through the provider: the status and latency, and for a refusal the provider's short message. */
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
    // The server's message already starts with "HTTP <status>" when the provider answered.
    const message = 'failure' in result ? result.failure : `${result.message} · ${formatMs(result.latency_ms)}`;
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
      OK · HTTP {result.status} · {formatMs(result.latency_ms)}
    </Tag>
  );
}
