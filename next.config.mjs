import { fileURLToPath } from 'node:url';
import { FIXED_SECURITY_HEADERS } from './lib/security/fixed-security-headers.mjs';

/**
 * Plain JavaScript, importing no TypeScript: `next start` loads it as it is, where a
 * next.config.ts — and each TypeScript file it imports — is compiled by SWC at every start
 * (about a third of a second of the cold start; README "Performance").
 *
 * The environment is validated at build and in `next dev` here (phases where a few hundred
 * milliseconds do not matter, so the TypeScript validator is loaded through tsx), and at
 * `next start` by instrumentation.ts, before the server answers: a bad value fails then,
 * not on a request.
 */
const VALIDATED_HERE = new Set(['phase-production-build', 'phase-development-server']);

async function validateEnvironment() {
  const { tsImport } = await import('tsx/esm/api');
  const { env } = await tsImport('./lib/env.ts', import.meta.url);
  env();
}

/** @type {import('next').NextConfig} */
const nextConfig = {
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
  experimental: {
    // `next start` otherwise loads every page's and route's server code as it starts, on the
    // thread that answers the first request: about 0.3 s of a 1.3 s cold start on this machine
    // (README "Performance"). Each page's code now loads at its first request instead.
    preloadEntriesOnStart: false,
  },
  // Runs after every `next build`: marks the client chunks so Chromium compiles them off the
  // main thread as they download, and gives the client bootstrap a task of its own
  // (scripts/build-adapter.mjs and the two files it calls say why).
  adapterPath: fileURLToPath(new URL('./scripts/build-adapter.mjs', import.meta.url)),
  // The Content-Security-Policy and HSTS are per request (a nonce; APP_URL at run time, not
  // at build): proxy.ts sets them.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: Object.entries(FIXED_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default async function config(phase) {
  if (VALIDATED_HERE.has(phase)) await validateEnvironment();
  return nextConfig;
}
