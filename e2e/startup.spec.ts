import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A second `next start` on a data directory another process holds must not come up and
 * answer 500s: it opens the database as it starts, says who holds it, and exits.
 */
test('a second server on a locked embedded database exits at once, naming the holder', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ps-locked-'));
  mkdirSync(path.join(dataDir, 'pglite'));
  // This test's own process is the live holder the server must name.
  writeFileSync(
    path.join(dataDir, 'pglite.lock'),
    JSON.stringify({ pid: process.pid, command: 'the e2e test holding the lock', startedAt: new Date().toISOString() }),
  );
  const port = String(Number(process.env.E2E_PORT ?? 3100) + 50);
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, '-H', '127.0.0.1'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NEXT_MANUAL_SIG_HANDLE: 'true', AUTH_TRUST_HOST: 'true' },
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += String(chunk)));
  server.stderr.on('data', (chunk) => (output += String(chunk)));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      resolve(null); // still running: the failure this test guards against
    }, 30_000);
    server.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  expect(exitCode, `the server should have exited; it printed:\n${output}`).toBe(1);
  expect(output).toContain(`in use by process ${process.pid}`);
  expect(output).toContain('the e2e test holding the lock');
});
