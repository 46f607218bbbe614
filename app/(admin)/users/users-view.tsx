'use client';

import { useState } from 'react';
import { Button, Flex, Input, Popconfirm, Select, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ConfirmButton } from '../_components/confirm-button';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { DataTable, listTableProps } from '../_components/data-table';
import { PageHeader } from '../_components/page-header';
import { SpendMeter } from '../_components/spend-meter';
import { useCurrentUser } from '../_lib/current-user';
import { formatCost, formatDateTime, formatNumber } from '../_lib/format';
import type { Role, UserDto } from '../_lib/types';
import { useAdminAction } from '../_lib/use-admin-action';
import { usePagination } from '../_lib/use-pagination';
import { deleteUser, updateUser, useUsers } from '../_lib/use-users';
import { CreateUserModal, ResetPasswordModal, ROLE_OPTIONS, UserLimitsModal } from './user-modals';

export function UsersView() {
  const me = useCurrentUser();
  const { page, pageSize, resetPage, tablePagination } = usePagination();
  const [search, setSearch] = useState<string>();
  const list = useUsers(page, pageSize, search);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [limiting, setLimiting] = useState<UserDto | null>(null);
  const { error: actionError, run: act } = useAdminAction();

  const columns: TableColumnsType<UserDto> = [
    {
      title: 'User',
      dataIndex: 'username',
      render: (username: string, user) => (
        <Flex vertical>
          <Typography.Text strong>{username}</Typography.Text>
          <Typography.Text type="secondary">{[user.name, user.email].filter(Boolean).join(' · ')}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Role',
      dataIndex: 'role',
      render: (role: Role, user) => (
        <Select<Role>
          size="small"
          value={role}
          options={ROLE_OPTIONS}
          disabled={user.id === me.id}
          aria-label={`Role of ${user.username}`}
          onChange={(next) => void act(() => updateUser(user.id, { role: next }))}
          style={{ width: 110 }}
        />
      ),
    },
    {
      title: 'Enabled',
      dataIndex: 'disabled',
      render: (disabled: boolean, user) => (
        <Popconfirm
          title={disabled ? `Enable ${user.username}?` : `Disable ${user.username}?`}
          description={disabled ? undefined : 'Their sessions and tokens stop working at once.'}
          okText={disabled ? 'Enable' : 'Disable'}
          okButtonProps={{ danger: !disabled }}
          disabled={user.id === me.id}
          onConfirm={() => act(() => updateUser(user.id, { disabled: !disabled }))}
        >
          <Switch size="small" checked={!disabled} disabled={user.id === me.id} aria-label={`${user.username} enabled`} />
        </Popconfirm>
      ),
    },
    {
      title: 'Limits',
      key: 'limits',
      render: (_, user) => <LimitsSummary user={user} />,
    },
    {
      title: 'Spend this month',
      key: 'spend',
      render: (_, user) => <SpendMeter spend={user.month_spend} budget={user.monthly_budget} label={`Spend of ${user.username}`} />,
    },
    { title: 'Last sign-in', dataIndex: 'last_login_at', render: (at: string | null) => (at ? formatDateTime(at) : 'never') },
    { title: 'Created', dataIndex: 'created_at', render: formatDateTime },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, user) => (
        <Space size={4}>
          <Button size="small" onClick={() => setLimiting(user)}>
            Limits
          </Button>
          <Button size="small" onClick={() => setResetting(user)}>
            Reset password
          </Button>
          <ConfirmButton
            label="Delete"
            title={`Delete ${user.username}?`}
            description="Their tokens are deleted with them."
            disabled={user.id === me.id}
            onConfirm={() => act(() => deleteUser(user.id))}
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in, and with which role."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Create user
          </Button>
        }
      />
      <Input.Search
        placeholder="Search username, name or email"
        allowClear
        onSearch={(value) => {
          setSearch(value.trim() || undefined);
          resetPage();
        }}
        style={{ maxWidth: 320, marginBottom: 16 }}
      />
      <ApiErrorAlert error={actionError} title="The change was not saved" />
      <DataTable<UserDto>
        testId="users-table"
        rowKey="id"
        columns={columns}
        {...listTableProps(list)}
        pagination={tablePagination(list.data?.total)}
        emptyText="No users match"
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <UserLimitsModal user={limiting} onClose={() => setLimiting(null)} />
    </>
  );
}

/** "none" or what binds the user's tokens: model tags, rpm and budget. */
function LimitsSummary({ user }: { user: UserDto }) {
  const { allowed_models: models, rpm_limit: rpm, monthly_budget: budget } = user;
  if (models.length === 0 && rpm === null && budget === null) return <Typography.Text type="secondary">none</Typography.Text>;
  return (
    <Flex wrap gap={4} data-testid={`limits-${user.username}`}>
      {models.map((model) => (
        <Tag key={model}>{model}</Tag>
      ))}
      {rpm !== null && <Typography.Text>{formatNumber(rpm)} rpm</Typography.Text>}
      {budget !== null && <Typography.Text>{formatCost(budget)}/month</Typography.Text>}
    </Flex>
  );
}
