'use client';

import type { ReactNode } from 'react';
import { App, ConfigProvider } from 'antd';
import { SessionProvider } from 'next-auth/react';

const theme = { token: { colorPrimary: '#4f46e5', borderRadius: 6 } };

/** Client-side context every page shares: the antd theme, its App context and the next-auth session. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <ConfigProvider theme={theme}>
        {/* App gives components modal/message instances that follow the theme (App.useApp). */}
        <App component={false}>{children}</App>
      </ConfigProvider>
    </SessionProvider>
  );
}
