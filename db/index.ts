import path from 'node:path';
import { env } from '@/lib/env';
import { type Database, type OpenDatabase, openPglite, openPostgres } from './open';

export { isEmbedded, queryRows, queryRowsWithSettings, type Database, type LocalSettings, type Transaction } from './open';
export { queryRowsPrepared } from './prepared-rows';

/**
 * The app's one database, opened lazily once per process. A globalThis singleton because
 * Next can load this module more than once (separate bundles for pages, actions and route
 * handlers) and PGlite must have exactly one opener per data directory.
 */
const globalForDb = globalThis as typeof globalThis & { __practiceSyncDb?: Promise<OpenDatabase>; __practiceSyncDbClosed?: boolean };

export function getOpenDatabase(): Promise<OpenDatabase> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    // Build workers import route modules in parallel; opening PGlite there would race on the lock.
    throw new Error('The database must not be opened during `next build`.');
  }
  if (globalForDb.__practiceSyncDbClosed) {
    // The process is stopping (SIGTERM closed it): opening it again would race the close for
    // PGlite's lock, and whatever asked (a request, the job worker starting late) is moot.
    return Promise.reject(new Error('The database is closed: this process is shutting down.'));
  }
  if (!globalForDb.__practiceSyncDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE, DATA_DIR } = env();
    const opening = DATABASE_URL ? openPostgres(DATABASE_URL, { max: DATABASE_POOL_SIZE }) : openPglite(path.join(DATA_DIR, 'pglite'), { thread: true });
    globalForDb.__practiceSyncDb = opening;
    // A failed open (e.g. the directory is locked) must not be cached forever.
    opening.catch(() => {
      if (globalForDb.__practiceSyncDb === opening) globalForDb.__practiceSyncDb = undefined;
    });
  }
  return globalForDb.__practiceSyncDb;
}

export async function getDb(): Promise<Database> {
  return (await getOpenDatabase()).db;
}

/** Closes the database if this process opened it, for good: it is not opened again. Safe to call more than once. */
export async function closeDb(): Promise<void> {
  globalForDb.__practiceSyncDbClosed = true;
  const opening = globalForDb.__practiceSyncDb;
  if (!opening) return;
  globalForDb.__practiceSyncDb = undefined;
  const open = await opening.catch(() => null);
  await open?.close();
}
