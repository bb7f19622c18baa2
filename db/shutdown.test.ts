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

/**
 * SIGTERM can come while the database is still opening (the job worker starts once it is
 * open): the close waits for the open, and nothing opens it again behind the close.
 */
test('once closed, the database is not opened again in the process', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ps-shutdown-'));
  const script = `
    const { closeDb, getOpenDatabase } = await import('./db/index.ts');
    const opening = getOpenDatabase(); // still opening when the close begins
    await closeDb();
    await opening;
    try {
      await getOpenDatabase();
      console.log('reopened');
    } catch (error) {
      console.log('refused: ' + error.message);
    }
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    cwd: process.cwd(),
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(output).toContain('refused: The database is closed: this process is shutting down.');
  expect(code).toBe(0);
  expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
}, 60_000);
