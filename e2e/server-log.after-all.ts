import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { knownSecrets, SEALED_VALUE } from './secrets';

/**
 * After every spec has run: the app server's whole output (kept by scripts/e2e-server.mjs)
 * holds no token the sandbox issued, no client secret, no password and no sealed value —
 * through OAuth connects, refreshes, revoked grants, failures and sign-ins.
 */
test('the server logged no token, client secret, password or sealed value during the run', async ({ request }) => {
  const log = readFileSync(process.env.E2E_SERVER_LOG!, 'utf8');
  // The log really is the server's: it says so as the database opens.
  expect(log).toContain('[db] embedded database (PGlite) open and migrated');
  const { tokens, others } = await knownSecrets(request);
  // The specs connected apps, so the sandbox issued tokens the server held in memory.
  expect(tokens.length).toBeGreaterThan(2);
  for (const secret of [...tokens, ...others]) {
    expect(log.includes(secret), `the server log contains a secret starting ${secret.slice(0, 6)}…`).toBe(false);
  }
  expect(log).not.toMatch(SEALED_VALUE);
  expect(log).not.toMatch(/Bearer [A-Za-z0-9._~+/=-]{8,}/);
});
