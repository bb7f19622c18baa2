import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import { env } from './lib/env';
import { FIXED_SECURITY_HEADERS } from './lib/security/content-security-policy';

// Validate the environment at build and start: a bad value fails here, not on a request.
env();

// The Content-Security-Policy and HSTS are per request (a nonce; APP_URL at run time, not
// at build): proxy.ts sets them.
const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time;
  // bundled, pages, actions and authorize() fail while route handlers seem fine.
  serverExternalPackages: ['@electric-sql/pglite'],
  // Without this, client components never hydrate under `next dev` on 127.0.0.1.
  allowedDevOrigins: ['127.0.0.1'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project as its own step; not doing it again here
  // keeps builds fast on small machines.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Runs after every `next build`: marks the client chunks so Chromium compiles them off the
  // main thread as they download (scripts/compile-hints-adapter.mjs says why).
  adapterPath: fileURLToPath(new URL('./scripts/compile-hints-adapter.mjs', import.meta.url)),
  async headers() {
    return [
      {
        source: '/:path*',
        headers: Object.entries(FIXED_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
