'use client';

import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Button, Drawer, Flex, Layout, Menu, Typography } from 'antd';
import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  KeyOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { SWRConfig } from 'swr';
import { fetcher } from './_lib/api-request';
import { CurrentUserProvider, type CurrentUser } from './_lib/current-user';
import type { Role } from './_lib/types';
import styles from './admin-shell.module.css';

type NavItem = { href: string; label: string; icon: ReactNode; roles?: Role[] };

// The server enforces permissions; the menu only hides what a role cannot use (docs/ARCHITECTURE.md: lib/rbac).
const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Dashboard', icon: <DashboardOutlined /> },
  { href: '/providers', label: 'Providers', icon: <CloudServerOutlined />, roles: ['admin', 'manager'] },
  { href: '/models', label: 'Models', icon: <ApiOutlined />, roles: ['admin', 'manager'] },
  { href: '/user-tokens', label: 'User tokens', icon: <KeyOutlined /> },
  { href: '/usage', label: 'Usage', icon: <BarChartOutlined /> },
  { href: '/users', label: 'Users', icon: <TeamOutlined />, roles: ['admin'] },
  { href: '/audit-logs', label: 'Audit log', icon: <AuditOutlined />, roles: ['admin'] },
  { href: '/playground', label: 'Playground', icon: <ExperimentOutlined /> },
  { href: '/profile', label: 'Profile', icon: <UserOutlined /> },
];

const SWR_OPTIONS = { fetcher, revalidateOnFocus: false, shouldRetryOnError: false };

type AdminShellProps = { user: CurrentUser; children: ReactNode };

export function AdminShell({ user, children }: AdminShellProps) {
  const pathname = usePathname();
  const router = useRouter();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const visible = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(user.role));
  const items = visible.map((item) => ({
    key: item.href,
    icon: item.icon,
    label: (
      <Link href={item.href} onClick={() => setDrawerOpen(false)}>
        {item.label}
      </Link>
    ),
  }));
  const selected = visible.filter((item) => isActive(pathname, item.href)).map((item) => item.href);

  // redirect: false keeps next-auth from building the target from NEXTAUTH_URL, which may name another host.
  async function signOutAndLeave() {
    await signOut({ redirect: false });
    router.replace('/login');
    router.refresh();
  }

  return (
    <CurrentUserProvider user={user}>
      <SWRConfig value={SWR_OPTIONS}>
        <Layout hasSider style={{ minHeight: '100vh' }}>
          {/* The column runs the page's whole height in the sider's colour; the sider itself stays in view. */}
          <div className={styles.siderColumn} data-testid="sider-column">
            <Layout.Sider className={styles.sider} collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="dark">
              <div className={styles.brand}>{collapsed ? 'AG' : 'AxonGate'}</div>
              <Menu theme="dark" mode="inline" items={items} selectedKeys={selected} aria-label="Main navigation" />
            </Layout.Sider>
          </div>
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            title="AxonGate"
            styles={{ body: { padding: 0 } }}
          >
            <Menu mode="inline" items={items} selectedKeys={selected} aria-label="Main navigation" />
          </Drawer>
          <Layout style={{ minWidth: 0 }}>
            <Layout.Header className={styles.header}>
              <Button
                className={styles.menuButton}
                icon={<MenuOutlined />}
                aria-label="Open navigation"
                onClick={() => setDrawerOpen(true)}
              />
              <Flex align="center" gap={12} style={{ marginLeft: 'auto', minWidth: 0 }}>
                <Typography.Text data-testid="current-user" className={styles.user}>
                  {user.username} <Typography.Text type="secondary">({user.role})</Typography.Text>
                </Typography.Text>
                <Button onClick={() => void signOutAndLeave()}>Sign out</Button>
              </Flex>
            </Layout.Header>
            <Layout.Content className={styles.content}>{children}</Layout.Content>
          </Layout>
        </Layout>
      </SWRConfig>
    </CurrentUserProvider>
  );
}

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
