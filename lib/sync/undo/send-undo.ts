import type { Database } from '@/db';
import type { Actor } from '@/lib/commands/actor';
import { loadClientsForSync, recordPush } from '@/lib/commands/client-sync-batch';
import { recordBatchProgress, recordRunErrors, type RunCounter } from '@/lib/commands/sync-runs';
import { practiceXpmClient } from '@/lib/integrations/grant-clients';
import { describeErrorForPeople } from '@/lib/log-safe-error';
import { isProviderError } from '@/lib/providers/errors';
import { HALTS_RUN, readOne, send, storeSentRecord } from '../engine/push';
import { isEmptyPush, xpmPushFromPlan } from '../engine/push-plan';
import { contentHashes } from '../engine/push-select';
import type { ContactColumns } from '../mapping/client-from-canonical';
import type { ClientField } from '../plan/field-changes';
import type { SyncData } from '../rules/types';
import { planUndoChange, type RecordedChange, undoCounter, type UndoSettings, undoWrites } from './plan-undo';
import { appValues, readRecordedChanges, type UndoSource } from './read-undo';

/** Records read and sent per page of the run's changes. */
const SEND_PAGE = 20;

/** Why the undo stopped as a whole (a limit, a lost connection), or null when it went through. */
export type Halt = { status: 'failed'; error: string; errorDetail: string | null } | null;

/**
 * Undoing a To-XPM run: its changes are what it sent (XPM's value before, ours after), so the
 * undo sends the befores back, record by record — read live first, so a value edited in XPM
 * since is left alone — and records each send like a push (./apply-undo.ts runs it).
 */
export async function sendBack(db: Database, actor: Actor, source: UndoSource, settings: UndoSettings, add: (c: Partial<Record<RunCounter, number>>) => void): Promise<Halt> {
  const xpm = await practiceXpmClient(db, source.practiceId);
  const run = { practiceId: source.practiceId, app: source.app, syncData: source.syncData };
  let cursor: string | null = null;
  for (;;) {
    const changes = await readRecordedChanges(db, source, cursor, SEND_PAGE);
    if (changes.length === 0) return null;
    cursor = changes[changes.length - 1]!.externalId;
    for (const change of changes) {
      let counts: Partial<Record<RunCounter, number>>;
      try {
        counts = await sendOne(db, actor, source, run, xpm, change, settings);
      } catch (error) {
        if (isProviderError(error) && HALTS_RUN.has(error.kind)) {
          return {
            status: 'failed',
            error: `${error.message} The undo stopped; what it sent stands. Undo the run again to send the rest.`,
            errorDetail: [error.kind, error.status && `HTTP ${error.status}`].filter(Boolean).join(' · '),
          };
        }
        const why = isProviderError(error) ? ` XPM said: ${error.message}` : '';
        counts = { failed: 1 };
        await db.transaction(async (tx) => {
          await recordRunErrors(tx, actor, actor.syncRunId!, [
            {
              externalId: change.externalId,
              recordName: null,
              message: `This client’s earlier values could not be sent back to XPM, so XPM keeps its current details.${why} Undo the run again to retry.`,
              detail: describeErrorForPeople(error),
            },
          ]);
          await recordBatchProgress(tx, actor, actor.syncRunId!, { processed: 1, cursor: change.externalId, counts });
        });
      }
      add(counts);
    }
  }
}

async function sendOne(
  db: Database,
  actor: Actor,
  source: UndoSource,
  run: { practiceId: string; app: 'xpm' | 'gusto'; syncData: SyncData },
  xpm: Awaited<ReturnType<typeof practiceXpmClient>>,
  change: RecordedChange,
  settings: UndoSettings,
): Promise<Partial<Record<RunCounter, number>>> {
  // XPM as it is now, not as the directory last saw it: a value edited there since is left alone.
  const record = await readOne(xpm, change.externalId);
  const exists = await db.transaction(async (tx) => (await loadClientsForSync(tx, actor, [change.clientId], { lock: false })).has(change.clientId));
  const values = appValues(record);
  const plan = planUndoChange(change, { values: exists ? values.client : null, contacts: values.contacts as ContactColumns[], linkExists: true, linkFree: false }, settings);
  const writes = undoWrites(plan);
  const push = xpmPushFromPlan(record, { direction: 'to_app', fields: writes.fields.map((f) => ({ ...f, field: f.field as ClientField })), contacts: null }, []);
  const after = isEmptyPush(push) || record.archived ? null : await send(xpm, change.externalId, push, source.syncData === 'client_name' ? 'client_name' : 'everything');
  // An archived record is sent nothing: Skipped, as the undo's note says, never "Already as before"
  // while what the run sent still stands there.
  const counter = record.archived && !isEmptyPush(push) ? 'skipped' : undoCounter(plan, after !== null);
  const counts = { [counter]: 1 } as Partial<Record<RunCounter, number>>;
  await db.transaction(async (tx) => {
    if (after) {
      const syncedHash = await storeSentRecord(tx, run, change.externalId, after);
      // Our content as it is: the next To-XPM run finds the link in step and does not send the run's values again.
      const contentHash = (await contentHashes(tx, source.practiceId, source.syncData, [change.clientId])).get(change.clientId) ?? null;
      if (contentHash)
        await recordPush(tx, actor, source.app, { clientId: change.clientId, externalId: change.externalId, contentHash, syncedHash, fields: push.fields, contacts: null });
    }
    await recordBatchProgress(tx, actor, actor.syncRunId!, { processed: 1, cursor: change.externalId, counts });
  });
  return counts;
}
