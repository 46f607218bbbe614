'use client';

import { useState } from 'react';
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ConfirmButton } from '../_components/confirm-button';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { DataTable, listTableProps } from '../_components/data-table';
import { PageHeader } from '../_components/page-header';
import { SpendMeter } from '../_components/spend-meter';
import { TokenSecretModal } from '../_components/token-secret-modal';
import { UserTokenFormModal } from '../_components/user-token-form-modal';
import { canManage, useCurrentUser } from '../_lib/current-user';
import { formatDateTime, formatNumber, isPast } from '../_lib/format';
import type { UserDto, UserTokenDto, UserTokenWithSecretDto } from '../_lib/types';
import { useAdminAction } from '../_lib/use-admin-action';
import { usePagination } from '../_lib/use-pagination';
import { regenerateUserToken, revokeUserToken, useUserTokens } from '../_lib/use-user-tokens';
import { useUsersByIds } from '../_lib/use-users';
import { UserLimitsModal } from '../users/user-modals';

export function UserTokensView() {
  const user = useCurrentUser();
  const { page, pageSize, tablePagination } = usePagination();
  // Revoked tokens stay on this page, marked revoked (the API leaves them out unless asked).
  const list = useUserTokens(page, pageSize, undefined, { includeRevoked: true });
  // Operators see everyone's tokens: name the owners of this page (managers may read users, plain users see only their own).
  const users = useUsersByIds(list.data?.items.map((token) => token.user_id) ?? [], canManage(user.role));
  const ownerById = (id: number) => users.data?.items.find((owner) => owner.id === id);
  const ownerOf = (token: UserTokenDto) => ownerById(token.user_id);
  const ownerName = (id: number) => (id === user.id ? 'you' : (ownerById(id)?.username ?? `user #${id}`));
  const [creating, setCreating] = useState(false);
  const [limiting, setLimiting] = useState<UserDto | null>(null);
  const [secret, setSecret] = useState<UserTokenWithSecretDto | null>(null);
  const { error: actionError, run: act } = useAdminAction();

  const columns: TableColumnsType<UserTokenDto> = [
    { title: 'Name', dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name || '(unnamed)'}</Typography.Text> },
    { title: 'Token', dataIndex: 'token_prefix', render: (prefix: string) => <Typography.Text code>{prefix}</Typography.Text> },
    ...(canManage(user.role) ? [{ title: 'Owner', dataIndex: 'user_id', render: ownerName }] : []),
    { title: 'Status', key: 'status', render: (_, token) => <TokenStatus token={token} /> },
    {
      title: 'Models',
      dataIndex: 'allowed_models',
      render: (models: string[]) => (models.length === 0 ? <Typography.Text type="secondary">all</Typography.Text> : models.map((model) => <Tag key={model}>{model}</Tag>)),
    },
    { title: 'RPM', dataIndex: 'rpm_limit', render: (limit: number | null) => (limit ? formatNumber(limit) : '∞') },
    {
      title: 'Spend this month',
      key: 'spend',
      render: (_, token) => {
        const owner = ownerOf(token);
        return (
          <Space direction="vertical" size={4}>
            <SpendMeter spend={token.month_spend} budget={token.monthly_budget} label={`Spend of ${token.name || 'this token'}`} />
            {owner && owner.monthly_budget !== null && (
              <SpendMeter spend={owner.month_spend} budget={owner.monthly_budget} label={`Spend of ${owner.username}, all tokens`} caption="owner" />
            )}
          </Space>
        );
      },
    },
    { title: 'Expires', dataIndex: 'expires_at', render: (at: string | null) => (at ? formatDateTime(at) : 'never') },
    { title: 'Last used', dataIndex: 'last_used_at', render: (at: string | null) => (at ? formatDateTime(at) : 'never') },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, token) => {
        const owner = canManage(user.role) ? ownerOf(token) : undefined;
        const ownerLimits = owner && (
          <Button size="small" onClick={() => setLimiting(owner)}>
            Owner limits
          </Button>
        );
        return token.revoked_at ? ownerLimits : (
          <Space size={4} wrap>
            <ConfirmButton
              label="Regenerate"
              danger={false}
              title="Regenerate this token?"
              description="The current secret stops working at once."
              onConfirm={() => act(async () => setSecret(await regenerateUserToken(token.id)))}
            />
            <ConfirmButton
              label="Revoke"
              title={`Revoke ${token.name || 'this token'}?`}
              description="Clients using it are refused from now on."
              onConfirm={() => act(() => revokeUserToken(token.id))}
            />
            {ownerLimits}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="User tokens"
        description={canManage(user.role) ? 'Gateway tokens of every user.' : 'Your gateway tokens: clients send them as their API key.'}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Create token
          </Button>
        }
      />
      <ApiErrorAlert error={actionError} title="The change was not saved" />
      <DataTable<UserTokenDto>
        testId="user-tokens-table"
        rowKey="id"
        columns={columns}
        {...listTableProps(list)}
        pagination={tablePagination(list.data?.total)}
        emptyText="No tokens yet: create one to call the gateway"
      />
      <UserTokenFormModal open={creating} onClose={() => setCreating(false)} onCreated={setSecret} />
      <TokenSecretModal token={secret} onClose={() => setSecret(null)} />
      <UserLimitsModal user={limiting} onClose={() => setLimiting(null)} />
    </>
  );
}

function TokenStatus({ token }: { token: UserTokenDto }) {
  if (token.revoked_at) return <Tag color="default">revoked</Tag>;
  if (token.expires_at && isPast(token.expires_at)) return <Tag color="warning">expired</Tag>;
  return <Tag color="success">active</Tag>;
}
