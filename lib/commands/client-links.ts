import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { type AppIdValue, clientLinks, clients, directoryRecords } from '@/db/schema';
import { appShortLabel } from '@/lib/apps/registry';
import type { Actor } from './actor';
import { linkClient } from './clients';
import { CommandError } from './errors';
import { recordLinkAudit } from './link-audit';

/**
 * A person fixing a client's mapping (issue 12): Link to…, Unlink, Relink. Each is audited
 * (requirement 3) in its transaction. Unlinking deletes the link row only — never the client,
 * its values or provenance, the app's record, or the history that names them.
 *
 * Concurrency: the same advisory lock per (practice, app, record) as the picker's adoption
 * (lib/dal/client-picker/adopt-directory-record.ts), so a pick and a link of one record run
 * one after the other; the link's unique keys are the backstop. The client's own link row
 * is locked before it is changed.
 */

export interface LinkTarget {
  clientId: string;
  app: AppIdValue;
  externalId: string;
}

async function lockRecord(tx: Transaction, actor: Actor, app: AppIdValue, externalId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`client-link:${actor.practiceId}:${app}:${externalId}`}, 0))`);
}

async function requireClient(tx: Transaction, actor: Actor, clientId: string) {
  const [client] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.practiceId, actor.practiceId), eq(clients.id, clientId)));
  if (!client) throw new CommandError('not_found', 'That client does not exist.');
}

async function requireDirectoryRecord(tx: Transaction, actor: Actor, app: AppIdValue, externalId: string) {
  const [record] = await tx
    .select({ name: directoryRecords.name })
    .from(directoryRecords)
    .where(and(eq(directoryRecords.practiceId, actor.practiceId), eq(directoryRecords.app, app), eq(directoryRecords.externalId, externalId)));
  if (!record) throw new CommandError('not_found', `That ${appShortLabel(app)} record is not in the directory any more. Search again.`);
  return record;
}

/** The client's link to `app`, locked for this transaction, or null. */
async function lockedLinkOf(tx: Transaction, actor: Actor, clientId: string, app: AppIdValue) {
  const [link] = await tx
    .select({ id: clientLinks.id, externalId: clientLinks.externalId })
    .from(clientLinks)
    .where(and(eq(clientLinks.practiceId, actor.practiceId), eq(clientLinks.clientId, clientId), eq(clientLinks.app, app)))
    .for('update');
  return link ?? null;
}

/** Refuses a record another client holds, naming that client (the unique index would refuse it too, without words). */
async function refuseIfLinkedElsewhere(tx: Transaction, actor: Actor, target: LinkTarget, recordName: string) {
  const [holder] = await tx
    .select({ id: clients.id, name: clients.name })
    .from(clientLinks)
    .innerJoin(clients, and(eq(clients.practiceId, clientLinks.practiceId), eq(clients.id, clientLinks.clientId)))
    .where(and(eq(clientLinks.practiceId, actor.practiceId), eq(clientLinks.app, target.app), eq(clientLinks.externalId, target.externalId)));
  if (holder && holder.id !== target.clientId) {
    throw new CommandError('refused', `${appShortLabel(target.app)}’s “${recordName}” is already linked to ${holder.name}. Unlink it there first.`);
  }
}

/** Links a client that has no link to `app` to one of that app's records. */
export async function linkClientToRecord(tx: Transaction, actor: Actor, target: LinkTarget): Promise<void> {
  await lockRecord(tx, actor, target.app, target.externalId);
  await requireClient(tx, actor, target.clientId);
  const record = await requireDirectoryRecord(tx, actor, target.app, target.externalId);
  const existing = await lockedLinkOf(tx, actor, target.clientId, target.app);
  if (existing) {
    if (existing.externalId === target.externalId) return;
    throw new CommandError('stale', `This client is already linked to another ${appShortLabel(target.app)} record. Reload the page; use Relink to change it.`);
  }
  await refuseIfLinkedElsewhere(tx, actor, target, record.name);
  // No synced hash: the app's next run compares this record with the client and records what it changes.
  if (!(await linkClient(tx, actor, { ...target, lastSyncedHash: null }))) {
    throw new CommandError('conflict', 'Someone linked this client or record a moment ago. Reload the page to see it.');
  }
}

/** Removes the client's link to `app`. Nothing else is deleted. */
export async function unlinkClient(tx: Transaction, actor: Actor, target: { clientId: string; app: AppIdValue }): Promise<void> {
  await requireClient(tx, actor, target.clientId);
  const existing = await lockedLinkOf(tx, actor, target.clientId, target.app);
  if (!existing) throw new CommandError('stale', `This client is not linked to ${appShortLabel(target.app)} any more. Reload the page.`);
  await tx.delete(clientLinks).where(and(eq(clientLinks.practiceId, actor.practiceId), eq(clientLinks.id, existing.id)));
  await recordLinkAudit(tx, actor, [{ clientId: target.clientId, app: target.app, action: 'unlink', beforeExternalId: existing.externalId, afterExternalId: null }]);
}

/**
 * Points the client's link to `app` at another record. What the client was keeps: its
 * values, each field's provenance (which app and run wrote it), the runs' change rows
 * (they name the old record) and the audit (old → new id). The link itself starts afresh:
 * no synced or pushed hash, so the app's next run compares the new record with the client
 * and a To-app run pushes to it; an archived/deleted mark belonged to the old record.
 */
export async function relinkClient(tx: Transaction, actor: Actor, target: LinkTarget): Promise<void> {
  await lockRecord(tx, actor, target.app, target.externalId);
  await requireClient(tx, actor, target.clientId);
  const record = await requireDirectoryRecord(tx, actor, target.app, target.externalId);
  const existing = await lockedLinkOf(tx, actor, target.clientId, target.app);
  if (!existing) throw new CommandError('stale', `This client is not linked to ${appShortLabel(target.app)} any more. Reload the page; use Link to… instead.`);
  if (existing.externalId === target.externalId) {
    throw new CommandError('refused', `This client is already linked to “${record.name}”. Choose another ${appShortLabel(target.app)} record.`);
  }
  await refuseIfLinkedElsewhere(tx, actor, target, record.name);
  await tx
    .update(clientLinks)
    .set({
      externalId: target.externalId,
      status: 'active',
      lastSyncedHash: null,
      lastSyncedAt: null,
      lastPushedHash: null,
      linkedByUserId: actor.memberId,
      linkedAt: new Date(),
    })
    .where(and(eq(clientLinks.practiceId, actor.practiceId), eq(clientLinks.id, existing.id)));
  await recordLinkAudit(tx, actor, [{ clientId: target.clientId, app: target.app, action: 'relink', beforeExternalId: existing.externalId, afterExternalId: target.externalId }]);
}
