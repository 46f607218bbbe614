'use client';

import { useState } from 'react';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import type { UserTokenWithSecretDto } from '../_lib/types';

type TokenSecretModalProps = { token: UserTokenWithSecretDto | null; onClose: () => void };

/** The one time a token's plaintext is shown: only its hash is stored, so it cannot be shown again. */
export function TokenSecretModal({ token, onClose }: TokenSecretModalProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  function close() {
    setCopied(null);
    onClose();
  }

  return (
    <Modal
      title={token?.name ? `Token "${token.name}"` : 'Your new token'}
      open={token !== null}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={close}>
          I have copied it
        </Button>
      }
    >
      <Alert type="warning" showIcon title="Copy this token now: you will not see it again." style={{ marginBottom: 16 }} />
      <Flex gap={8} align="center">
        <Typography.Text code data-testid="token-secret" style={{ wordBreak: 'break-all', flex: 1, userSelect: 'all' }}>
          {token?.token}
        </Typography.Text>
        <Button icon={copied === 'yes' ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </Flex>
      {copied === 'failed' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          The browser did not allow copying: select the token and copy it by hand.
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
