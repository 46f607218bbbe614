import type { Metadata } from 'next';
import { UserTokensView } from './user-tokens-view';

export const metadata: Metadata = { title: 'User tokens · AxonGate' };

export default function UserTokensPage() {
  return <UserTokensView />;
}
