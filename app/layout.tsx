import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { HistoryGuardScript } from '@/components/leave-guard/history-guard-script';
import { NONCE_HEADER } from '@/lib/security/content-security-policy';
import { inter } from './font';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Practice Sync', template: '%s · Practice Sync' },
  description: 'Proposals and client sync with Xero Practice Manager and Gusto, for accounting practices.',
  // public/: the install manifest and its icons; robots.txt keeps the app out of search engines,
  // and so does this, for crawlers that read pages rather than robots.txt.
  manifest: '/manifest.webmanifest',
  icons: { apple: '/icon-192.png' },
  robots: { index: false, follow: false },
};

/**
 * Reading the request's headers makes every page render per request, which the CSP needs:
 * a nonce exists only per request (proxy.ts), and a page prerendered at build would carry
 * scripts without it.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" className={inter.variable}>
      <head>
        {/* In the first HTML: the metadata's icon link streams in with the page's data, and a browser
            that finishes loading before it arrives asks for /favicon.ico, which does not exist (a 404). */}
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <HistoryGuardScript nonce={nonce} />
      </head>
      <body>{children}</body>
    </html>
  );
}
