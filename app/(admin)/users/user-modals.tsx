'use client';

import { Form, Input, Select, Typography } from 'antd';
import { FormModal } from '../_components/form-modal';
import { LimitFields } from '../_components/limit-fields';
import { NewPasswordFields } from '../_components/new-password-fields';
import { PASSWORD_HINT, PASSWORD_RULES } from '../_lib/form-rules';
import type { UserDto } from '../_lib/types';
import { useAiModels } from '../_lib/use-ai-models';
import { createUser, resetUserPassword, setUserLimits, type CreateUserInput } from '../_lib/use-users';

export const ROLE_OPTIONS = [
  { value: 'admin', label: 'admin' },
  { value: 'manager', label: 'manager' },
  { value: 'user', label: 'user' },
];

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  async function save(values: CreateUserInput) {
    await createUser({ ...values, email: values.email?.trim() || undefined });
  }

  return (
    <FormModal<CreateUserInput> title="Create user" open={open} onClose={onClose} onSubmit={save} initialValues={{ role: 'user' }} okText="Create">
      <Form.Item
        label="Username"
        name="username"
        rules={[
          { required: true, message: 'Enter a username' },
          { min: 2, max: 64, message: '2 to 64 characters' },
          { pattern: /^[A-Za-z0-9._@-]+$/, message: 'Only letters, digits and . _ @ -' },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="Name" name="name" rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item label="Email" name="email" rules={[{ type: 'email', message: 'Not a valid email address' }]}>
        <Input type="email" />
      </Form.Item>
      <Form.Item label="Role" name="role" rules={[{ required: true }]}>
        <Select options={ROLE_OPTIONS} />
      </Form.Item>
      <Form.Item label="Password" name="password" rules={PASSWORD_RULES} extra={PASSWORD_HINT}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

type ResetValues = { password: string; confirm: string };

export function ResetPasswordModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  return (
    <FormModal<ResetValues>
      title={`New password for ${user?.username ?? ''}`}
      open={user !== null}
      onClose={onClose}
      onSubmit={async ({ password }) => {
        if (user) await resetUserPassword(user.id, password);
      }}
      okText="Set password"
    >
      <NewPasswordFields name="password" />
    </FormModal>
  );
}

type LimitValues = { allowed_models?: string[]; rpm_limit?: number | null; monthly_budget?: number | null };

/** The limits every token of the user is held to, on top of the token's own. */
export function UserLimitsModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const models = useAiModels({ page: 1, pageSize: 100 }, user !== null);
  const modelNames = [...new Set((models.data?.items ?? []).map((model) => model.name))];
  return (
    <FormModal<LimitValues>
      title={`Limits of ${user?.username ?? ''}`}
      open={user !== null}
      onClose={onClose}
      initialValues={user ? { allowed_models: user.allowed_models, rpm_limit: user.rpm_limit, monthly_budget: user.monthly_budget } : {}}
      onSubmit={async (values) => {
        if (!user) return;
        await setUserLimits(user.id, {
          allowed_models: values.allowed_models ?? [],
          rpm_limit: values.rpm_limit ?? null,
          monthly_budget: values.monthly_budget ?? null,
        });
      }}
    >
      <Typography.Paragraph type="secondary">
        Every token of this user is held to these limits as well as its own; the user cannot create a token beyond them.
      </Typography.Paragraph>
      <LimitFields modelNames={modelNames} emptyModelsMean="every model" />
    </FormModal>
  );
}
