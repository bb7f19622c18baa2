import type { ReactNode } from 'react';
import { AppShell } from '../_components/app-shell';
import { requireMember } from '@/lib/dal/session';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  return <AppShell member={member}>{children}</AppShell>;
}
