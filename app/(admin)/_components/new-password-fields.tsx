'use client';

import { Form, Input } from 'antd';
import { PASSWORD_HINT, PASSWORD_RULES, sameAs } from '../_lib/form-rules';

/** A new password and its repetition, which must match before the form sends anything. */
export function NewPasswordFields({ name }: { name: string }) {
  return (
    <>
      <Form.Item label="New password" name={name} rules={PASSWORD_RULES} extra={PASSWORD_HINT}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="Repeat the new password" name="confirm" dependencies={[name]} rules={sameAs(name)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
