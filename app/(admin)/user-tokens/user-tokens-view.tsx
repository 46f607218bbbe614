'use client';

import { useState } from 'react';
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ConfirmButton } from '../_components/confirm-button';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { DataTable, listTableProps } from '../_components/data-table';
import { PageHeader } from '../_components/page-header';
import { TokenSecretModal } from '../_components/token-secret-modal';
import { UserTokenFormModal } from '../_components/user-token-form-modal';
import { canManage, useCurrentUser } from '../_lib/current-user';
import { formatCost, formatDateTime, formatNumber, isPast } from '../_lib/format';
import type { UserTokenDto, UserTokenWithSecretDto } from '../_lib/types';
import { useAdminAction } from '../_lib/use-admin-action';
import { usePagination } from '../_lib/use-pagination';
import { regenerateUserToken, revokeUserToken, useUserTokens } from '../_lib/use-user-tokens';
import { useUsers } from '../_lib/use-users';

export function UserTokensView() {
  const user = useCurrentUser();
  const { page, pageSize, tablePagination } = usePagination();
  // Revoked tokens stay on this page, marked revoked (the API leaves them out unless asked).
  const list = useUserTokens(page, pageSize, undefined, { includeRevoked: true });
  // Operators see everyone's tokens: name the owners (managers may read users, plain users see only their own).
  const users = useUsers(1, 100, undefined, canManage(user.role));
  const ownerName = (id: number) => (id === user.id ? 'you' : (users.data?.items.find((owner) => owner.id === id)?.username ?? `user #${id}`));
  const [creating, setCreating] = useState(false);
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
    { title: 'Budget / month', dataIndex: 'monthly_budget', render: (budget: number | null) => (budget === null ? '∞' : formatCost(budget)) },
    { title: 'Expires', dataIndex: 'expires_at', render: (at: string | null) => (at ? formatDateTime(at) : 'never') },
    { title: 'Last used', dataIndex: 'last_used_at', render: (at: string | null) => (at ? formatDateTime(at) : 'never') },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, token) =>
        token.revoked_at ? null : (
          <Space size={4}>
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
          </Space>
        ),
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
    </>
  );
}

function TokenStatus({ token }: { token: UserTokenDto }) {
  if (token.revoked_at) return <Tag color="default">revoked</Tag>;
  if (token.expires_at && isPast(token.expires_at)) return <Tag color="warning">expired</Tag>;
  return <Tag color="success">active</Tag>;
}
