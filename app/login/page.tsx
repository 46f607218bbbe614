import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';
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

/** Only same-site paths are followed after sign-in, so a crafted link cannot send the user elsewhere. */
function toLocalPath(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  return candidate;
}
