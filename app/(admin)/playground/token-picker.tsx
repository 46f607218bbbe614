'use client';

import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { UserTokenFormModal } from '../_components/user-token-form-modal';
import { useCurrentUser } from '../_lib/current-user';
import { useUserTokens } from '../_lib/use-user-tokens';

type TokenPickerProps = { value: string; onChange: (token: string) => void };

/**
 * Only a token's hash is stored, so the playground cannot use a token by itself: you pick one of yours and paste
 * its secret, or create a fresh token here, whose secret goes straight into the field. It stays in this tab only.
 */
export function TokenPicker({ value, onChange }: TokenPickerProps) {
  const me = useCurrentUser();
  const tokens = useUserTokens(1, 100, me.id);
  const [pickedId, setPickedId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const usable = (tokens.data?.items ?? []).filter((token) => !token.revoked_at);
  const picked = usable.find((token) => token.id === pickedId);
  // The prefix is shown with a trailing ellipsis: compare what comes before it.
  const mismatch = picked && value && !value.startsWith(picked.token_prefix.replace(/…$/, ''));

  return (
    <Form layout="vertical" component="div">
      <Form.Item label="Your token" extra={picked ? `Paste the secret of "${picked.name}" (it starts with ${picked.token_prefix.replace(/…$/, '')}).` : undefined}>
        <Flex gap={8} wrap>
          <Select
            placeholder={tokens.isLoading ? 'Loading your tokens…' : 'Pick one of your tokens'}
            value={pickedId}
            onChange={setPickedId}
            options={usable.map((token) => ({ value: token.id, label: `${token.name || 'unnamed'} (${token.token_prefix})` }))}
            style={{ flex: '1 1 200px' }}
            notFoundContent="You have no active tokens"
          />
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            New playground token
          </Button>
        </Flex>
      </Form.Item>
      <Form.Item label="Token secret" validateStatus={mismatch ? 'warning' : undefined} help={mismatch ? 'This secret does not belong to the token you picked.' : undefined}>
        <Input.Password
          placeholder="sk-ag-…"
          value={value}
          onChange={(event) => onChange(event.target.value.trim())}
          autoComplete="off"
          aria-label="Token secret"
        />
      </Form.Item>
      {!value && (
        <Alert
          type="info"
          showIcon
          title="The gateway stores only a hash of each token, so paste the secret you copied when you created it."
          description={<Typography.Text type="secondary">The secret stays in this browser tab and is never saved.</Typography.Text>}
        />
      )}
      <UserTokenFormModal
        open={creating}
        initialName="Playground"
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setPickedId(token.id);
          onChange(token.token);
        }}
      />
    </Form>
  );
}
