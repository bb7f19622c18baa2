import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { HistoryGuardScript } from '@/components/leave-guard/history-guard-script';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Practice Sync', template: '%s · Practice Sync' },
  description: 'Proposals and client sync with Xero Practice Manager and Gusto, for accounting practices.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <HistoryGuardScript />
      </head>
      <body>{children}</body>
    </html>
  );
}
