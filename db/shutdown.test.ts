import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

/**
 * The server's SIGTERM handler (instrumentation-node.ts) closes PGlite and removes the lock
 * file, so the next start neither finds a stale lock nor a half-written directory.
 */
test('SIGTERM closes the embedded database and releases its lock', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ps-shutdown-'));
  const script = `
    const { getOpenDatabase } = await import('./db/index.ts');
    const { registerShutdown } = await import('./instrumentation-node.ts');
    registerShutdown();
    await getOpenDatabase();
    console.log('ready');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    cwd: process.cwd(),
  });
  let output = '';
  child.stderr.on('data', (d) => (output += String(d)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`exited early (${code}): ${output}`)));
  });
  const lockFile = path.join(dataDir, 'pglite.lock');
  expect(existsSync(lockFile)).toBe(true);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(existsSync(lockFile)).toBe(false);
}, 60_000);
