import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@/': root,
      // `server-only` throws outside React Server Components; unit tests import DAL modules directly.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    // Playwright specs live in e2e/ and must never be collected by Vitest.
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'app/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.mjs'],
    exclude: ['e2e/**', 'node_modules/**', '.next/**'],
    environment: 'node',
    setupFiles: ['test/fail-on-queued-queries.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // next-auth imports `next/server` without an extension, which Node's ESM loader rejects;
    // letting Vite process it resolves the import the way Next does.
    server: { deps: { inline: ['next-auth'] } },
  },
});
