import type { OpenDatabase } from '@/db/open';
import { type TestDatabase } from './databases';

/**
 * Points the app's database singleton (db/index.ts) at a test database, so DAL functions
 * and server actions run unchanged against it.
 */
export async function installTestDatabase(target: TestDatabase): Promise<OpenDatabase> {
  const open = await target.open();
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(open);
  return open;
}

export async function uninstallTestDatabase(open: OpenDatabase | undefined): Promise<void> {
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
  await open?.close();
}
