import type { Metadata } from 'next';
import { UsageView } from './usage-view';

export const metadata: Metadata = { title: 'Usage · AxonGate' };

export default function UsagePage() {
  return <UsageView />;
}
