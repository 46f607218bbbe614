import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signedInUser } from '../(admin)/_lib/signed-in-user';
import { toLocalPath } from './local-path';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · AxonGate' };

type LoginPageProps = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { callbackUrl } = await searchParams;
  const target = toLocalPath(callbackUrl);
  if (await signedInUser()) redirect(target);
  return <LoginForm callbackUrl={target} />;
}
