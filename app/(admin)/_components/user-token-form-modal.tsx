'use client';

import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { canManage, useCurrentUser } from '../_lib/current-user';
import type { UserTokenWithSecretDto } from '../_lib/types';
import { useAiModels } from '../_lib/use-ai-models';
import { createUserToken } from '../_lib/use-user-tokens';
import { FormModal } from './form-modal';
import { LimitFields } from './limit-fields';

type TokenFormValues = {
  name: string;
  allowed_models?: string[];
  rpm_limit?: number | null;
  monthly_budget?: number | null;
  expires_at?: Dayjs | null;
};

type UserTokenFormModalProps = {
  open: boolean;
  onClose: () => void;
  /** Gets the new token with its plaintext, which the caller shows once. */
  onCreated: (token: UserTokenWithSecretDto) => void;
  initialName?: string;
};

/** Issue a gateway token with its limits (used by the tokens page and the playground). */
export function UserTokenFormModal({ open, onClose, onCreated, initialName = '' }: UserTokenFormModalProps) {
  const { role } = useCurrentUser();
  // Plain users cannot list model routes; they type model names instead.
  const models = useAiModels({ page: 1, pageSize: 100 }, open && canManage(role));
  const modelNames = [...new Set((models.data?.items ?? []).map((model) => model.name))];

  async function save(values: TokenFormValues) {
    const created = await createUserToken({
      name: values.name?.trim() ?? '',
      allowed_models: values.allowed_models ?? [],
      rpm_limit: values.rpm_limit ?? null,
      monthly_budget: values.monthly_budget ?? null,
      expires_at: values.expires_at ? values.expires_at.format('YYYY-MM-DD') : null,
    });
    onCreated(created);
  }

  return (
    <FormModal<TokenFormValues> title="Create token" open={open} onClose={onClose} onSubmit={save} initialValues={{ name: initialName }} okText="Create">
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Name the token so you recognise it later' }, { max: 100 }]}>
        <Input placeholder="CI pipeline" />
      </Form.Item>
      <LimitFields modelNames={modelNames} emptyModelsMean="every model the owner may use; no limit set here leaves the owner's" />
      <Form.Item label="Expires" name="expires_at" tooltip="Valid through the end of that day (UTC); empty never expires">
        <DatePicker style={{ width: '100%' }} placeholder="Never" disabledDate={(date) => date.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
