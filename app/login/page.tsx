import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';
import { toLocalPath } from './local-path';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · AxonGate' };

type LoginPageProps = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { callbackUrl } = await searchParams;
  const target = toLocalPath(callbackUrl);
  const session = await getServerSession(authOptions);
  if (session) redirect(target);
  return <LoginForm callbackUrl={target} />;
}
