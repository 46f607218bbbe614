'use client';

import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Skeleton, Tag } from 'antd';
import { ApiErrorAlert } from '../_components/api-error-alert';
import { NewPasswordFields } from '../_components/new-password-fields';
import { PageHeader } from '../_components/page-header';
import { formatDateTime } from '../_lib/format';
import { useFormSubmit } from '../_lib/use-form-submit';
import { changeOwnPassword, useProfile } from '../_lib/use-profile';

type PasswordValues = { current_password: string; new_password: string; confirm: string };

export function ProfileView() {
  const { data, error, isLoading, mutate } = useProfile();
  return (
    <>
      <PageHeader title="Profile" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Account">
            <ApiErrorAlert error={error} onRetry={() => void mutate()} />
            {isLoading ? (
              <Skeleton active />
            ) : (
              data && (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="Username">{data.username}</Descriptions.Item>
                  <Descriptions.Item label="Name">{data.name || '—'}</Descriptions.Item>
                  <Descriptions.Item label="Email">{data.email ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="Role">
                    <Tag>{data.role}</Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label="Last sign-in">{formatDateTime(data.last_login_at)}</Descriptions.Item>
                </Descriptions>
              )
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
      </Row>
    </>
  );
}

function ChangePasswordCard() {
  const [form] = Form.useForm<PasswordValues>();
  const [changed, setChanged] = useState(false);
  const { submitting, error, run } = useFormSubmit(form, async ({ current_password, new_password }) => {
    setChanged(false);
    await changeOwnPassword({ current_password, new_password });
    form.resetFields();
    setChanged(true);
  });

  return (
    <Card title="Change password">
      {changed && <Alert type="success" showIcon title="Your password was changed." style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<PasswordValues> form={form} layout="vertical" onFinish={() => void run()} disabled={submitting}>
        <Form.Item label="Current password" name="current_password" rules={[{ required: true, message: 'Enter your current password' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="new_password" />
        <Button type="primary" htmlType="submit" loading={submitting}>
          Change password
        </Button>
      </Form>
    </Card>
  );
}
