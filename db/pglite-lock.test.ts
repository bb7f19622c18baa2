import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openPglite } from './open';
import { acquireDataDirectoryLock, DataDirectoryLockedError } from './pglite-lock';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'ps-lock-'));
}

describe('PGlite data directory lock', () => {
  test('a second opener of the same directory fails at once, naming the holder', async () => {
    const dir = path.join(tempDir(), 'nested', 'pglite'); // parents do not exist yet
    const first = await openPglite(dir);
    cleanups.push(() => first.close());
    const started = Date.now();
    const second = openPglite(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirectoryLockedError);
    await expect(second).rejects.toThrow(`already open in this process (${process.pid}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a lock held by another live process is refused with its pid', async () => {
    const lockFile = path.join(tempDir(), 'db.lock');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    cleanups.push(() => void child.kill());
    writeFileSync(lockFile, JSON.stringify({ pid: child.pid, command: 'next start', startedAt: 'now' }));
    expect(() => acquireDataDirectoryLock(lockFile)).toThrow(`process ${child.pid} (next start`);
  });

  test('a stale lock left by a dead process is taken over, and released on close', async () => {
    const dir = path.join(tempDir(), 'pglite');
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, command: 'crashed', startedAt: 'then' }));
    const db = await openPglite(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await openPglite(dir); // data survives a reopen
    cleanups.push(() => again.close());
  });
});
