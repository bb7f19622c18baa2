import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { connections, syncRuns } from '@/db/schema';
import type { AppId } from '@/lib/apps/ids';
import { fieldChangeShown } from '@/lib/clients/tax-number';
import type { SyncData, SyncDirection } from '@/lib/sync/rules/types';
import { previewSync, type SyncPreview } from '@/lib/sync/engine/preview';
import { uuidParam } from '@/lib/validation/fields';
import { ActionError } from './action';
import type { Member } from './session';

/** Settings to preview under instead of the saved ones: what a change would make the next sync do. */
export interface PreviewSettings {
  direction: SyncDirection;
  syncData: SyncData;
}

/**
 * "Preview" on an app card (issue 12): what a sync of the app would do now, under its saved
 * settings — or under `settings` an admin is about to choose ("Make X the source instead",
 * "Apply recommended setup") — without changing anything. Admins only — it shows every linked
 * client's pending changes — and scoped by the member's practice. Null when the app is not connected.
 */
export async function previewAppSync(
  member: Member,
  app: AppId,
  settings?: PreviewSettings,
  /** `importUnlinked`: the run option (the onboarding wizard's first sync) — previewed by the same planner. */
  options: { maxChanges?: number; importUnlinked?: boolean } = {},
): Promise<SyncPreview | null> {
  if (member.role !== 'admin') throw new ActionError('Only a practice admin can preview a sync.', undefined, 'forbidden');
  const db = await getDb();
  const [connection] = await db
    .select({ syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, member.practiceId), eq(connections.app, app), eq(connections.status, 'connected')));
  if (!connection) return null;
  const preview = await previewSync(
    db,
    {
      practiceId: member.practiceId,
      app,
      direction: settings?.direction ?? connection.direction,
      syncData: settings?.syncData ?? connection.syncData,
      importUnlinked: options.importUnlinked === true,
    },
    { ...(options.maxChanges !== undefined ? { maxChanges: options.maxChanges } : {}) },
  );
  return shown(preview);
}

/**
 * The review of a run the mass-change guard paused (issue 12): what it would do if approved
 * now — its own app, direction, Sync data and records, planned by the preview — so the run's
 * page shows each client's fields before → after (To XPM: XPM's values before and ours that
 * would be sent). Admins only, like any preview; null unless the run is the member's
 * practice's and still waits for review.
 */
export async function previewPausedRun(member: Member, runId: string, options: { maxChanges?: number } = {}): Promise<SyncPreview | null> {
  if (member.role !== 'admin') throw new ActionError('Only a practice admin can preview a sync.', undefined, 'forbidden');
  if (!uuidParam.safeParse(runId).success) return null;
  const db = await getDb();
  const [run] = await db
    .select({ app: syncRuns.app, direction: syncRuns.direction, syncData: syncRuns.syncData, onlyExternalIds: syncRuns.onlyExternalIds })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.practiceId, member.practiceId), eq(syncRuns.status, 'needs_review')));
  if (!run) return null;
  return shown(await previewSync(db, { practiceId: member.practiceId, ...run }, options));
}

/** A preview as the pages show it: XPM's masked tax numbers by their endings (fieldChangeShown). */
function shown(preview: SyncPreview): SyncPreview {
  return { ...preview, changes: preview.changes.map((change) => ({ ...change, fields: change.fields.map(fieldChangeShown) })) };
}
