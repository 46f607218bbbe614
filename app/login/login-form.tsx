'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';

type Credentials = { username: string; password: string };

const INVALID_CREDENTIALS = 'Invalid username or password';

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  async function submit(values: Credentials) {
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await signIn('credentials', { redirect: false, ...values });
      if (!result || result.error || !result.ok) {
        setError(describeSignInError(result?.error));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError('Sign-in failed: the server could not be reached');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f7' }}>
      <Card style={{ width: 360 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          AxonGate
        </Typography.Title>
        <Typography.Paragraph type="secondary">Sign in to the admin console</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={submitting}>
          <Form.Item label="Username" name="username" rules={[{ required: true, message: 'Enter your username' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            Sign in
          </Button>
        </Form>
      </Card>
    </main>
  );
}

/**
 * next-auth reports `CredentialsSignin` when authorize() rejects, and otherwise the message authorize() threw.
 * The rate-limit and disabled-account messages are shown as they are; anything else (including unexpected
 * server errors, whose text must not reach the page) reads the same as a wrong password.
 */
function describeSignInError(error: string | null | undefined): string {
  if (error && /^(Too many failed login attempts|This account is disabled)/.test(error)) return error;
  return INVALID_CREDENTIALS;
}
