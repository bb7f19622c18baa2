import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startSecondServer } from './second-server';

/**
 * A second `next start` on a data directory another process holds must not come up and
 * answer 500s: it opens the database as it starts, says who holds it, and exits.
 */
test('a second server on a locked embedded database exits at once, naming the holder', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ps-locked-'));
  mkdirSync(path.join(dataDir, 'pglite'));
  // This test's own process is the live holder the server must name.
  writeFileSync(path.join(dataDir, 'pglite.lock'), JSON.stringify({ pid: process.pid, command: 'the e2e test holding the lock', startedAt: new Date().toISOString() }));
  const server = startSecondServer(50, { DATA_DIR: dataDir });
  const exitCode = await Promise.race([
    server.exited,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000).unref()), // still running: the failure guarded against
  ]);
  await server.stop();
  expect(exitCode, `the server should have exited; it printed:\n${server.output()}`).toBe(1);
  expect(server.output()).toContain(`in use by process ${process.pid}`);
  expect(server.output()).toContain('the e2e test holding the lock');
});

/**
 * The environment is checked as the server starts (instrumentation; next.config.mjs checks it
 * at build): a bad value ends the start with every wrong variable named, instead of a server
 * that comes up and fails its first request.
 */
test('a bad environment ends the start at once, naming each wrong variable', async () => {
  const server = startSecondServer(51, { DATABASE_URL: 'mysql://db.internal/practice_sync', AUTH_SECRET: '', TOKEN_ENCRYPTION_KEYS: '' });
  const exitCode = await Promise.race([server.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000).unref())]);
  await server.stop();
  expect(exitCode, `the server should have exited; it printed:\n${server.output()}`).toBe(1);
  expect(server.output()).toContain('[env] cannot start: Invalid environment');
  expect(server.output()).toContain('DATABASE_URL must be a postgres:// URL');
  expect(server.output()).toContain('AUTH_SECRET is required with DATABASE_URL set');
});
