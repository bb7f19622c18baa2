import 'server-only';
import { and, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { type AppIdValue, type ClientFieldName, clientContacts, clientField, clientFieldProvenance, clientLinks, clients, connections } from '@/db/schema';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { clientFromCanonical } from '@/lib/sync/mapping/client-from-canonical';
import type { ClientInput, ContactInput } from '@/lib/validation/client';
import type { Actor } from './actor';
import { ClientCommandError } from './client-errors';
import { recordLinkAudit } from './link-audit';
import { requestSyncRun, type SyncRunRequestResult } from './sync-runs';

/**
 * The one write path for clients, their contacts, links and field provenance (DESIGN §5).
 * Every caller — a member's page or action (through lib/dal), the picker, the sync engine
 * (lib/commands/client-sync-batch.ts for its batched form) — writes through here with an
 * Actor. Commands trust the actor: authorisation happened before one was made.
 */

export const STALE_EDIT_MESSAGE = 'Someone else saved this client while you were editing. Reload to see their changes, then edit again.';
export const CLIENT_NOT_FOUND_MESSAGE = 'That client does not exist.';
const CONTACT_CHANGED_MESSAGE = 'A contact changed while you were editing. Reload the page and try again.';

function contactValues(contact: ContactInput, sortOrder: number) {
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    mobile: contact.mobile,
    salutation: contact.salutation,
    position: contact.position,
    isPrimary: contact.isPrimary,
    sortOrder,
  };
}

/**
 * Makes the client's contacts exactly `contacts`: updates the ones with ids, inserts new
 * ones, removes the rest. Primaries are cleared first so moving "primary" from one contact
 * to another never trips the one-primary index half-way.
 */
async function replaceContacts(tx: Transaction, practiceId: string, clientId: string, contacts: ContactInput[]) {
  const scope = and(eq(clientContacts.clientId, clientId), eq(clientContacts.practiceId, practiceId));
  const keptIds = contacts.map((c) => c.id).filter((id): id is string => Boolean(id));
  if (keptIds.length) {
    const owned = await tx
      .select({ id: clientContacts.id })
      .from(clientContacts)
      .where(and(scope, inArray(clientContacts.id, keptIds)));
    if (owned.length !== new Set(keptIds).size) throw new ClientCommandError('contact_changed', CONTACT_CHANGED_MESSAGE);
  }
  await tx.delete(clientContacts).where(keptIds.length ? and(scope, notInArray(clientContacts.id, keptIds)) : scope);
  await tx.update(clientContacts).set({ isPrimary: false }).where(scope);
  for (const [index, contact] of contacts.entries()) {
    if (contact.id) {
      await tx
        .update(clientContacts)
        .set(contactValues(contact, index))
        .where(and(scope, eq(clientContacts.id, contact.id)));
    } else {
      await tx.insert(clientContacts).values({ practiceId, clientId, ...contactValues(contact, index) });
    }
  }
}

export async function createClient(tx: Transaction, actor: Actor, input: ClientInput): Promise<{ id: string }> {
  const { contacts, ...fields } = input;
  const [row] = await tx
    .insert(clients)
    .values({ ...fields, practiceId: actor.practiceId })
    .returning({ id: clients.id });
  if (!row) throw new Error('client insert returned nothing');
  await replaceContacts(tx, actor.practiceId, row.id, contacts);
  return { id: row.id };
}

/**
 * Saves a person's edit, if nobody saved the client since `expectedVersion` was loaded. A
 * client linked to XPM while XPM's direction is To XPM asks for a To-XPM run of that client's
 * record in the same transaction (trigger `edit`, naming the member; it coalesces into a waiting run): the
 * caller enqueues it after commit (`push.kind === 'queued'`), so the edit reaches XPM within
 * a minute.
 */
export async function updateClient(tx: Transaction, actor: Actor, clientId: string, expectedVersion: number, input: ClientInput): Promise<{ push: SyncRunRequestResult | null }> {
  const { contacts, ...fields } = input;
  const editedByHand = await fieldsChangedByEdit(tx, actor.practiceId, clientId, input);
  const updated = await tx
    .update(clients)
    // A whole tax number typed here replaces the masked ending an app showed (issue 15).
    .set({ ...fields, ...(fields.taxNumber ? { taxNumberMasked: null } : {}), version: sql`${clients.version} + 1`, updatedAt: new Date() })
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, actor.practiceId), eq(clients.version, expectedVersion)))
    .returning({ id: clients.id });
  if (updated.length === 0) {
    const [exists] = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.id, clientId), eq(clients.practiceId, actor.practiceId)));
    throw exists ? new ClientCommandError('stale', STALE_EDIT_MESSAGE) : new ClientCommandError('not_found', CLIENT_NOT_FOUND_MESSAGE);
  }
  await replaceContacts(tx, actor.practiceId, clientId, contacts);
  await recordHandEdit(tx, actor, clientId, editedByHand);
  return { push: await requestPushAfterEdit(tx, actor, clientId) };
}

const comparable = (value: string | null | undefined) => (value ?? '').trim();
const contactsKey = (list: readonly Omit<ContactInput, 'id'>[]) =>
  JSON.stringify(list.map((c) => [c.name, c.email, c.phone, c.mobile, c.salutation, c.position, c.isPrimary].map((v) => (typeof v === 'string' ? v.trim() : (v ?? null)))));

/**
 * A field changed here no longer holds what an app wrote: its provenance becomes the member
 * ("edited here by Alex Admin", issue 15), replacing the app's. Without a member (no actor
 * edits clients by hand without one today) the app's claim is only taken away.
 */
async function recordHandEdit(tx: Transaction, actor: Actor, clientId: string, fields: readonly ClientFieldName[]) {
  if (fields.length === 0) return;
  if (actor.memberId === null) {
    await tx
      .delete(clientFieldProvenance)
      .where(and(eq(clientFieldProvenance.practiceId, actor.practiceId), eq(clientFieldProvenance.clientId, clientId), inArray(clientFieldProvenance.field, [...fields])));
    return;
  }
  const editedAt = new Date();
  await tx
    .insert(clientFieldProvenance)
    .values(fields.map((field) => ({ practiceId: actor.practiceId, clientId, field, app: null, editedByUserId: actor.memberId, syncRunId: null, syncedAt: editedAt })))
    .onConflictDoUpdate({
      target: [clientFieldProvenance.clientId, clientFieldProvenance.field],
      set: { app: null, editedByUserId: actor.memberId, syncRunId: null, syncedAt: editedAt },
    });
}

/** The client's fields (and its contact list as one) whose value this edit changes. */
async function fieldsChangedByEdit(tx: Transaction, practiceId: string, clientId: string, input: ClientInput): Promise<ClientFieldName[]> {
  const [current] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, practiceId)));
  if (!current) return [];
  const changed: ClientFieldName[] = [];
  for (const field of clientField.enumValues) {
    if (field === 'contacts') {
      const before = await tx
        .select({
          name: clientContacts.name,
          email: clientContacts.email,
          phone: clientContacts.phone,
          mobile: clientContacts.mobile,
          salutation: clientContacts.salutation,
          position: clientContacts.position,
          isPrimary: clientContacts.isPrimary,
        })
        .from(clientContacts)
        .where(and(eq(clientContacts.clientId, clientId), eq(clientContacts.practiceId, practiceId)))
        .orderBy(clientContacts.sortOrder);
      if (contactsKey(before) !== contactsKey(input.contacts)) changed.push(field);
    } else if (field === 'email' ? comparable(current.email).toLowerCase() !== comparable(input.email).toLowerCase() : comparable(current[field]) !== comparable(input[field])) {
      changed.push(field);
    }
  }
  return changed;
}

/** The apps an edit here is pushed to: those whose direction is To the app and Sync data not Nothing. */
async function requestPushAfterEdit(tx: Transaction, actor: Actor, clientId: string): Promise<SyncRunRequestResult | null> {
  const [target] = await tx
    .select({ app: clientLinks.app, externalId: clientLinks.externalId })
    .from(clientLinks)
    .innerJoin(connections, and(eq(connections.practiceId, clientLinks.practiceId), eq(connections.app, clientLinks.app)))
    .where(
      and(
        eq(clientLinks.practiceId, actor.practiceId),
        eq(clientLinks.clientId, clientId),
        eq(clientLinks.app, 'xpm'),
        eq(clientLinks.status, 'active'),
        eq(connections.status, 'connected'),
        eq(connections.syncDirection, 'to_app'),
        ne(connections.syncData, 'nothing'),
      ),
    );
  if (!target) return null;
  // Scoped to this client's record: an edit run sends the member's one client, which is why the
  // mass-change guard leaves it alone (lib/sync/engine/guard.ts). Other clients out of step go
  // with the scheduled push, which the guard judges.
  return requestSyncRun(tx, { ...actor, trigger: 'edit' }, { app: target.app, onlyExternalIds: [target.externalId] });
}

/** Archive or restore. Clients are never deleted. */
export async function setClientArchived(tx: Transaction, actor: Actor, clientId: string, archived: boolean): Promise<void> {
  const updated = await tx
    .update(clients)
    .set({
      archivedAt: archived ? sql`coalesce(${clients.archivedAt}, now())` : null,
      updatedAt: new Date(),
      version: sql`${clients.version} + 1`,
    })
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, actor.practiceId)))
    .returning({ id: clients.id });
  if (updated.length === 0) throw new ClientCommandError('not_found', CLIENT_NOT_FOUND_MESSAGE);
}

/**
 * Links a client to an app's record. Returns false when the record (or the client, for
 * that app) is already linked: the caller decides whether that is a race to retry.
 */
export async function linkClient(tx: Transaction, actor: Actor, link: { app: AppIdValue; externalId: string; clientId: string; lastSyncedHash: string | null }): Promise<boolean> {
  const inserted = await tx
    .insert(clientLinks)
    .values({
      practiceId: actor.practiceId,
      clientId: link.clientId,
      app: link.app,
      externalId: link.externalId,
      linkedByUserId: actor.memberId,
      lastSyncedHash: link.lastSyncedHash,
      lastSyncedAt: link.lastSyncedHash ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ id: clientLinks.id });
  if (inserted.length === 0) return false;
  await recordLinkAudit(tx, actor, [{ clientId: link.clientId, app: link.app, action: 'link', beforeExternalId: null, afterExternalId: link.externalId }]);
  return true;
}

/**
 * A new client from an app's canonical record, with provenance for every field the app
 * gave (naming the actor's sync run, if any). The caller links it.
 */
export async function createClientFromRecord(tx: Transaction, actor: Actor, app: AppIdValue, payload: CanonicalClient): Promise<{ id: string; name: string }> {
  const { client, contacts, taxNumberMasked, providedFields } = clientFromCanonical(payload);
  const [row] = await tx
    .insert(clients)
    .values({ ...client, taxNumberMasked, practiceId: actor.practiceId })
    .returning({ id: clients.id, name: clients.name });
  if (!row) throw new Error('client insert returned nothing');
  if (contacts.length > 0) {
    await tx.insert(clientContacts).values(contacts.map((c) => ({ ...c, practiceId: actor.practiceId, clientId: row.id })));
  }
  if (providedFields.length > 0) {
    await tx.insert(clientFieldProvenance).values(
      providedFields.map((field) => ({
        practiceId: actor.practiceId,
        clientId: row.id,
        field: field as ClientFieldName,
        app,
        syncRunId: actor.syncRunId ?? null,
      })),
    );
  }
  return row;
}
