import type { RunErrorInput } from '@/lib/commands/sync-runs';
import type { RunRead } from '@/lib/sync/engine/read-records';

/**
 * Two failures to add to a run's real read: one record the app could not send whole (known by
 * its id) and one it sent without an id (known by its words). A run that counts its read
 * twice shows it in its failed count and its error rows. Injected, as only the malformed
 * suite's sandbox can make such records.
 */
export const INJECTED_READ_ERRORS: readonly RunErrorInput[] = [
  { externalId: 'unreadable-record', recordName: 'Unreadable Ltd', message: 'This record could not be read.', detail: null },
  { externalId: null, recordName: null, message: 'A client came without an id, so it was not synced.', detail: 'page 1' },
];

type ReadScope = Parameters<typeof import('@/lib/sync/engine/read-records').readRecords>[0];

/**
 * The engine's `read` option: the real read (over the sandbox), plus `errors`, then `after`
 * (aborting the run, so that it stops between its read and its first batch; spoiling a
 * record in the directory, so that it cannot be applied). The read is imported when called,
 * as the test database is installed after the suite loads.
 */
export function readWithErrors(errors: readonly RunErrorInput[] = INJECTED_READ_ERRORS, after: () => void | Promise<void> = () => {}) {
  return async (scope: ReadScope): Promise<RunRead> => {
    const { readRecords } = await import('@/lib/sync/engine/read-records');
    const read = await readRecords(scope);
    await after();
    return { ...read, errors: [...read.errors, ...errors] };
  };
}
