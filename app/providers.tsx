'use client';

import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { SessionProvider } from 'next-auth/react';

const theme = { token: { colorPrimary: '#4f46e5', borderRadius: 6 } };

/** Client-side context every page shares: the antd theme and the next-auth session. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <ConfigProvider theme={theme}>{children}</ConfigProvider>
    </SessionProvider>
  );
}
