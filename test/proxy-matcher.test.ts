import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, test } from 'vitest';
import { config } from '@/proxy';

/**
 * Where proxy.ts (the per-request Content-Security-Policy and sign-in redirects) runs: every page
 * and route but build output and the picker's JSON search, which sets its own fixed headers and
 * is skipped for its cost (see the matcher's comment).
 */
describe('the proxy runs on', () => {
  test.each(['/', '/dashboard', '/clients/new', '/sign-in', '/api/auth/session', '/api/client-search/duplicates', '/api/client-searches', '/no-such-page', '/robots.txt'])(
    '%s',
    (url) => {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    },
  );
});

describe('the proxy does not run on', () => {
  test.each(['/api/client-search', '/api/client-search?q=harb', '/_next/static/chunks/app.js', '/favicon.ico'])('%s', (url) => {
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
  });
});
