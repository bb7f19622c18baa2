import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { clients, connections } from '@/db/schema';
import { type ExistingUndo, UNDO_BUSY_MESSAGE } from '@/lib/commands/undo-runs';
import { enqueueSyncRun } from '@/lib/jobs/sync-jobs';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { executeUndo } from '@/lib/sync/undo/apply-undo';
import { activeRunOf, loadUndoSource, previewUndo, type UndoSource } from '@/lib/sync/undo/read-undo';
import type { UndoClientPlan, UndoSummary } from '@/lib/sync/undo/plan-undo';
import type { RunStatus } from '@/lib/sync/runs/format';
import { uuidParam } from '@/lib/validation/fields';
import { ActionError, MESSAGES } from './action';
import { undosOf } from './sync-runs';
import type { Member } from './session';

/**
 * "Undo this run" for the run's page (issue 12): the preview and the apply, admins only, the
 * run found in the member's practice or not at all. The work is lib/sync/undo's; this layer
 * authorises, says no in words, and turns the plan into what the page shows.
 */

/** The preview lists this many clients; the undo itself covers every change the run recorded. */
export const UNDO_PREVIEW_LIMIT = 500;

export type UndoRefusal = { code: 'not_finished' | 'nothing_recorded' | 'nothing_left' | 'busy' | 'not_connected'; message: string };

/** The latest undo of this run, if any: who ran it, when it ended, and how. */
export type LastUndo = { id: string; status: RunStatus; finishedAt: Date | null; requestedByName: string | null };

export interface UndoPreviewView {
  run: { id: string; app: UndoSource['app']; direction: UndoSource['direction'] };
  clients: (UndoClientPlan & { clientName: string })[];
  /** Recorded changes in all (the list may show fewer). */
  total: number;
  summary: UndoSummary;
  dataAsOf: Date | null;
  /** Why the undo cannot be applied now, if it cannot (the preview still shows). */
  refusal: UndoRefusal | null;
  /** The run's latest undo, so the page says it was undone (and by whom) rather than only showing zeros. */
  lastUndo: LastUndo | null;
}

async function lastUndoOf(practiceId: string, runId: string): Promise<LastUndo | null> {
  const [latest] = await undosOf(practiceId, runId, 1);
  return latest ?? null;
}

function requireAdmin(member: Member): void {
  if (member.role !== 'admin') throw new ActionError(MESSAGES.forbidden, undefined, 'forbidden');
}

async function sourceRun(member: Member, runId: string): Promise<UndoSource | null> {
  if (!uuidParam.safeParse(runId).success) return null;
  return loadUndoSource(await getDb(), member.practiceId, runId);
}

async function refusalFor(source: UndoSource): Promise<UndoRefusal | null> {
  if (source.status === 'queued' || source.status === 'running' || source.status === 'needs_review') {
    return { code: 'not_finished', message: 'This run has not finished yet. Undo it once it ends.' };
  }
  if (source.changeCount === 0) return { code: 'nothing_recorded', message: 'This run changed no client, so there is nothing to undo.' };
  const db = await getDb();
  if (await activeRunOf(db, source.practiceId, source.app)) return { code: 'busy', message: UNDO_BUSY_MESSAGE };
  if (source.direction === 'to_app') {
    const [connection] = await db
      .select({ status: connections.status })
      .from(connections)
      .where(and(eq(connections.practiceId, source.practiceId), eq(connections.app, source.app)));
    if (connection?.status !== 'connected')
      return { code: 'not_connected', message: 'XPM is not connected, so its earlier values cannot be sent back. Reconnect XPM, then undo this run.' };
  }
  return null;
}

/** The undo's preview, or null when the run is not this practice's. Admins only. */
export async function getUndoPreview(member: Member, runId: string): Promise<UndoPreviewView | null> {
  requireAdmin(member);
  const source = await sourceRun(member, runId);
  if (!source) return null;
  const db = await getDb();
  const preview = await previewUndo(db, { practiceId: member.practiceId, memberId: member.userId, trigger: 'undo' }, source, UNDO_PREVIEW_LIMIT);
  const ids = [...new Set(preview.plans.map((p) => p.clientId))];
  const names =
    ids.length === 0
      ? []
      : await db
          .select({ id: clients.id, name: clients.name })
          .from(clients)
          .where(and(eq(clients.practiceId, member.practiceId), inArray(clients.id, ids)));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const listed = preview.plans.map((p) => ({ ...p, clientName: nameOf.get(p.clientId) ?? 'A removed client' })).sort((a, b) => a.clientName.localeCompare(b.clientName));
  const lastUndo = await lastUndoOf(member.practiceId, source.id);
  // Nothing left to put back (typically: the run was undone already) and nothing changed since to
  // tick: confirming would only make an empty undo run.
  const nothingLeft =
    preview.summary.clients === 0 && preview.summary.leftAlone === 0 && source.changeCount > 0
      ? {
          code: 'nothing_left' as const,
          message: lastUndo
            ? 'The undo already put everything back: there is nothing left to undo.'
            : 'Nothing this run changed can be changed back now: each value is already as before the run, or cannot be sent back.',
        }
      : null;
  return {
    run: { id: source.id, app: source.app, direction: source.direction },
    clients: listed,
    total: preview.total,
    summary: preview.summary,
    dataAsOf: preview.dataAsOf,
    refusal: (await refusalFor(source)) ?? nothingLeft,
    lastUndo,
  };
}

export type UndoOutcome =
  | { kind: 'done'; undoRunId: string; status: 'succeeded' | 'partial' | 'failed'; restored: number; leftAlone: number }
  /** Another undo of the run came first (another tab, another admin): nothing was done; `undoRunId` is that undo. */
  | { kind: 'already_undone'; undoRunId: string; message: string };

/** Why a confirm changed nothing, naming who undid the run and when (in the practice's time zone). */
export function alreadyUndoneMessage(undo: ExistingUndo, timezone: string): string {
  const who = undo.requestedByName ?? 'another admin';
  const when = formatPracticeDateTime(undo.at, timezone);
  if (undo.status === 'queued' || undo.status === 'running') return `This run is being undone by ${who} (started ${when}). Nothing more was changed.`;
  if (undo.status === 'succeeded') return `This run was already undone by ${who} at ${when}. Nothing more was changed.`;
  return `This run was undone part-way by ${who} at ${when}, after this preview was shown. Nothing more was changed: reload the preview to see what is left to undo.`;
}

/**
 * Applies the undo as a run of its own. `ticked`: changed-since fields to restore after all
 * (`clientId:field`). `seenUndoId`: the run's latest undo as the admin's preview showed it (null:
 * none); an undo made since (another tab's confirm) is answered with `already_undone`, not a second run.
 */
export async function undoSyncRun(member: Member, runId: string, ticked: readonly string[], seenUndoId: string | null = null): Promise<UndoOutcome> {
  requireAdmin(member);
  const source = await sourceRun(member, runId);
  if (!source) throw new ActionError('That sync run was not found.', undefined, 'not_found');
  const refusal = await refusalFor(source);
  if (refusal) throw new ActionError(refusal.message, undefined, refusal.code === 'busy' ? 'conflict' : 'refused');
  const db = await getDb();
  const result = await executeUndo(db, { practiceId: member.practiceId, memberId: member.userId }, source, new Set(ticked), { seenUndoId });
  if (result.kind === 'busy') throw new ActionError(UNDO_BUSY_MESSAGE, undefined, 'conflict');
  if (result.kind === 'already_undone') return { kind: 'already_undone', undoRunId: result.undo.id, message: alreadyUndoneMessage(result.undo, member.practiceTimezone) };
  // A schedule or webhook that arrived during the undo queued behind it: its job found the app busy.
  const waiting = await activeRunOf(db, member.practiceId, source.app);
  if (waiting) await enqueueSyncRun({ practiceId: member.practiceId, app: source.app, runId: waiting });
  return { kind: 'done', undoRunId: result.runId, status: result.status, restored: result.counts.updated ?? 0, leftAlone: result.counts.skipped ?? 0 };
}
