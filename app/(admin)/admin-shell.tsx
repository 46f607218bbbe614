'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Button, Layout, Menu, Space, Typography } from 'antd';

type Role = 'admin' | 'manager' | 'user';

type NavItem = { href: string; label: string; roles?: Role[] };

// The server enforces permissions; the menu only hides what a role cannot use (SPEC §5).
const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/providers', label: 'Providers', roles: ['admin', 'manager'] },
  { href: '/models', label: 'Models', roles: ['admin', 'manager'] },
  { href: '/user-tokens', label: 'User tokens' },
  { href: '/usage', label: 'Usage' },
  { href: '/users', label: 'Users', roles: ['admin', 'manager'] },
  { href: '/playground', label: 'Playground' },
  { href: '/profile', label: 'Profile' },
];

type AdminShellProps = { username: string; role: Role; children: ReactNode };

export function AdminShell({ username, role, children }: AdminShellProps) {
  const pathname = usePathname();
  const router = useRouter();
  const items = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role)).map((item) => ({
    key: item.href,
    label: <Link href={item.href}>{item.label}</Link>,
  }));
  // redirect: false keeps next-auth from building the target from NEXTAUTH_URL, which may name another host.
  async function signOutAndLeave() {
    await signOut({ redirect: false });
    router.replace('/login');
    router.refresh();
  }

  const selected = NAV_ITEMS.filter((item) => isActive(pathname, item.href)).map((item) => item.href);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="dark">
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '20px 24px' }}>AxonGate</div>
        <Menu theme="dark" mode="inline" items={items} selectedKeys={selected} aria-label="Main navigation" />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 24px' }}
        >
          <Space size="middle">
            <Typography.Text data-testid="current-user">
              {username} <Typography.Text type="secondary">({role})</Typography.Text>
            </Typography.Text>
            <Button onClick={() => void signOutAndLeave()}>Sign out</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
