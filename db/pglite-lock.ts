import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * PGlite has no lock between processes, and two writers on one data directory silently
 * corrupt it. This lock file makes a second process fail at once, naming the holder.
 * A lock left by a process that no longer exists (a crash, kill -9) is taken over.
 */
interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
}

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo,
  ) {
    super(lockedMessage(lockFile.replace(/\.lock$/, ''), holder));
    this.name = 'DataDirectoryLockedError';
  }
}

function lockedMessage(directory: string, holder: LockInfo): string {
  if (holder.pid === process.pid)
    // Not another process: this one opened it and has not closed it yet (e.g. a close still under way).
    return (
      `The database in ${directory} is already open in this process (${holder.pid}, since ${holder.startedAt}): ` +
      `it is opened once per process (db/index.ts), and a second open must wait for the first to close.`
    );
  return (
    `The database in ${directory} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}). ` +
    `PGlite allows one process at a time: stop that process first, or set DATABASE_URL to use PostgreSQL.`
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as LockInfo;
  } catch {
    return null; // unreadable or half-written: treated as stale below
  }
}

export function acquireDataDirectoryLock(lockFile: string): () => void {
  const info: LockInfo = {
    pid: process.pid,
    command: process.argv.slice(1).join(' ').slice(0, 200) || 'node',
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const holder = readHolder(lockFile);
        if (holder?.pid === process.pid) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockFile);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirectoryLockedError(lockFile, holder);
      }
      if (holder && holder.pid === process.pid) {
        throw new DataDirectoryLockedError(lockFile, holder);
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not acquire the database lock ${lockFile}`);
}
