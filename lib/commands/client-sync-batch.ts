import 'server-only';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { pipeline } from '@/db/pipeline';
import { type AppIdValue, type ClientFieldName, clientContacts, clientField, clientLinks, clients, syncRunChanges } from '@/db/schema';
import type { ClientColumns, ContactColumns } from '@/lib/sync/mapping/client-from-canonical';
import type { FieldChange, LocalClient } from '@/lib/sync/plan/field-changes';
import type { Actor } from './actor';
import { recordLinkAudit } from './link-audit';

/**
 * The client commands in the batched form a sync run needs: one multi-row statement per
 * table per batch, so applying is bounded by the apps' rate limits rather than by round
 * trips (≥ 2,000 records/s, issue 10). Same rows, same rules as lib/commands/clients.ts;
 * every call runs inside the batch's one transaction, with an actor that names the run.
 */

type SyncedColumn = Exclude<ClientFieldName, 'contacts'>;

/**
 * Client columns a sync writes, in one fixed order: the `client_field` enum's, less the
 * contact list. (The annotation fails to compile if the enum names a column the client
 * form does not have.)
 */
export const SYNCED_CLIENT_COLUMNS: readonly (SyncedColumn & keyof ClientColumns)[] = clientField.enumValues.filter((field): field is SyncedColumn => field !== 'contacts');

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface SyncedClient extends LocalClient {
  id: string;
  archived: boolean;
}

/**
 * The batch's clients as the planner compares them, locked for the batch's transaction so a
 * member's save in between cannot be overwritten unseen (it waits, then finds a new version).
 */
export async function loadClientsForSync(tx: Transaction, actor: Actor, clientIds: readonly string[], options: { lock?: boolean } = {}): Promise<Map<string, SyncedClient>> {
  const found = new Map<string, SyncedClient>();
  if (clientIds.length === 0) return found;
  const columns = Object.fromEntries(SYNCED_CLIENT_COLUMNS.map((c) => [c, clients[c]])) as { [K in (typeof SYNCED_CLIENT_COLUMNS)[number]]: (typeof clients)[K] };
  // The ids as one jsonb parameter: 250 separate parameters cost more than the lookup on PGlite.
  const ids = sql`array(select jsonb_array_elements_text(${JSON.stringify(clientIds)}::jsonb)::uuid)`;
  const query = tx
    .select({ id: clients.id, archivedAt: clients.archivedAt, ...columns })
    .from(clients)
    .where(and(eq(clients.practiceId, actor.practiceId), sql`${clients.id} = any(${ids})`))
    .orderBy(asc(clients.id));
  // A preview reads without locking: it runs read-only, and must not hold up a member's save.
  const rows = options.lock === false ? await query : await query.for('update');
  for (const { id, archivedAt, ...client } of rows) found.set(id, { id, archived: archivedAt !== null, client, contacts: [] });
  const contacts = await tx
    .select({
      clientId: clientContacts.clientId,
      name: clientContacts.name,
      email: clientContacts.email,
      phone: clientContacts.phone,
      mobile: clientContacts.mobile,
      salutation: clientContacts.salutation,
      position: clientContacts.position,
      isPrimary: clientContacts.isPrimary,
      sortOrder: clientContacts.sortOrder,
    })
    .from(clientContacts)
    .where(and(eq(clientContacts.practiceId, actor.practiceId), sql`${clientContacts.clientId} = any(${ids})`))
    .orderBy(asc(clientContacts.clientId), asc(clientContacts.sortOrder), asc(clientContacts.id));
  for (const { clientId, ...contact } of contacts) found.get(clientId)?.contacts.push(contact);
  return found;
}

/**
 * Links a run makes — found by exact normalised name, or put back by an undo — audited as the
 * actor's. Returns the external ids actually linked: a record or client linked meanwhile (by a
 * person in the picker) is left as it is.
 */
export async function insertAutoLinks(tx: Transaction, actor: Actor, app: AppIdValue, links: readonly { externalId: string; clientId: string }[]): Promise<Set<string>> {
  if (links.length === 0) return new Set();
  const inserted = await tx
    .insert(clientLinks)
    .values(links.map((l) => ({ practiceId: actor.practiceId, clientId: l.clientId, app, externalId: l.externalId, linkedByUserId: actor.memberId })))
    .onConflictDoNothing()
    .returning({ externalId: clientLinks.externalId, clientId: clientLinks.clientId });
  // Audited as the run's (the actor names it): one more multi-row insert per batch that linked any.
  await recordLinkAudit(
    tx,
    actor,
    inserted.map((r) => ({ clientId: r.clientId, app, action: 'link' as const, beforeExternalId: null, afterExternalId: r.externalId })),
  );
  return new Set(inserted.map((r) => r.externalId));
}

/**
 * New clients for a run that imports unlinked records (a run option): one per external id,
 * with an empty name — the run's planner writes every value, the name included, with its
 * provenance and change row. Returns external id → new client id.
 */
export async function createClientsForImport(tx: Transaction, actor: Actor, externalIds: readonly string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await tx
    .insert(clients)
    .values(externalIds.map(() => ({ practiceId: actor.practiceId, name: '' })))
    .returning({ id: clients.id });
  // Postgres returns the rows of a multi-row VALUES insert in the order given.
  return new Map(externalIds.map((externalId, i) => [externalId, rows[i]!.id]));
}

/** Removes import clients whose record was linked by someone else meanwhile: never used, nothing refers to them. */
export async function deleteUnlinkedImports(tx: Transaction, actor: Actor, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  await tx.delete(clients).where(and(eq(clients.practiceId, actor.practiceId), inArray(clients.id, [...clientIds]), eq(clients.name, '')));
}

export type SyncChangeKindValue = (typeof syncRunChanges.$inferInsert)['kind'];
export type LinkStatusValue = NonNullable<(typeof clientLinks.$inferInsert)['status']>;

/** What applying one record does; `kind: null` means nothing changed but the link's hash. */
export interface InboundApply {
  clientId: string;
  externalId: string;
  /**
   * The link's new `last_synced_hash`; null leaves the link as it is (an undo restores
   * values, not what the app last sent: the next read must not take the undo back).
   */
  linkHash: string | null;
  linkStatus: LinkStatusValue;
  kind: SyncChangeKindValue | null;
  /** The client's columns after the change, when a field changed. */
  client: ClientColumns | null;
  fields: FieldChange[];
  contacts: { before: ContactColumns[]; after: ContactColumns[] } | null;
  /**
   * The app's masked tax number (XPM's `*****6789`), kept as the ending shown for a client
   * with no whole number; omitted or null leaves the kept one as it is (issue 15).
   */
  taxNumberMasked?: string | null;
}

/**
 * Writes a batch of planned records: client columns (one `update … from jsonb_to_recordset`),
 * contacts replaced where planned, provenance naming the run, the run's change rows (once
 * per run and record: a resumed batch cannot add a second), and every link's hash.
 *
 * `between` given (PGlite on the caller's own thread): the statements run one at a time with
 * it awaited between them. Otherwise they are sent together (db/pipeline.ts): one round trip,
 * so the transaction holds the connection no longer than the database's own work.
 */
export async function applyInboundChanges(tx: Transaction, actor: Actor, app: AppIdValue, items: readonly InboundApply[], between?: () => Promise<void>): Promise<void> {
  const statements = inboundChangeStatements(actor, app, items);
  if (!between) return pipeline(tx, statements);
  for (const [i, statement] of statements.entries()) {
    if (i > 0) await between();
    await tx.execute(statement);
  }
}

/** The statements applyInboundChanges runs, in order (each later one may rely on an earlier one's writes). */
export function inboundChangeStatements(actor: Actor, app: AppIdValue, items: readonly InboundApply[]): SQL[] {
  const statements: SQL[] = [];
  if (items.length === 0) return statements;
  const now = new Date();
  const changedClients = items.filter((i) => i.client !== null || i.contacts !== null);

  const withColumns = changedClients.filter((i) => i.client !== null);
  if (withColumns.length > 0) {
    const rows = withColumns.map((i) => ({ id: i.clientId, ...i.client }));
    const recordType = sql.raw(['id uuid', ...SYNCED_CLIENT_COLUMNS.map((c) => `"${c}" text`)].join(', '));
    const assignments = sql.raw(SYNCED_CLIENT_COLUMNS.map((c) => `${snake(c)} = v."${c}"`).join(', '));
    statements.push(sql`
      update clients as c set ${assignments},
        -- a whole tax number from an app replaces a masked ending kept from XPM (issue 15)
        tax_number_masked = case when v."taxNumber" is null then c.tax_number_masked end,
        version = c.version + 1, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(${recordType})
      where c.id = v.id and c.practice_id = ${actor.practiceId}`);
  }
  // XPM's number changed: the ending we show follows it, where we hold no whole number (never
  // over one). Not a field change: the masked form is never planned, reported or given
  // provenance, and no version is made — no editor edits it (docs/sync-engine.md "Masked").
  // After the columns' update: it reads the tax number that update wrote.
  const masked = items.flatMap((i) => (i.taxNumberMasked ? [{ id: i.clientId, masked: i.taxNumberMasked }] : []));
  if (masked.length > 0) {
    statements.push(sql`
      update clients as c set tax_number_masked = v.masked
      from jsonb_to_recordset(${JSON.stringify(masked)}::jsonb) as v(id uuid, masked text)
      where c.id = v.id and c.practice_id = ${actor.practiceId} and c.tax_number is null and c.tax_number_masked is distinct from v.masked`);
  }
  // Contacts-only changes still make a new version: an editor open on the old list must reload.
  const contactsOnly = changedClients.filter((i) => i.client === null).map((i) => i.clientId);
  if (contactsOnly.length > 0) {
    statements.push(sql`
      update clients set version = version + 1, updated_at = ${now.toISOString()}::timestamptz
      where practice_id = ${actor.practiceId} and id = any(array(select jsonb_array_elements_text(${JSON.stringify(contactsOnly)}::jsonb)::uuid))`);
  }

  const contactSets = items.filter((i) => i.contacts !== null);
  if (contactSets.length > 0) {
    // Deleted before the new list is inserted (the statements run in this order).
    statements.push(sql`
      delete from client_contacts
      where practice_id = ${actor.practiceId} and client_id = any(array(select jsonb_array_elements_text(${JSON.stringify(contactSets.map((i) => i.clientId))}::jsonb)::uuid))`);
    const rows = contactSets.flatMap((i) => i.contacts!.after.map((c) => ({ ...c, clientId: i.clientId })));
    if (rows.length > 0) {
      statements.push(sql`
        insert into client_contacts (practice_id, client_id, name, email, phone, mobile, salutation, position, is_primary, sort_order)
        select ${actor.practiceId}, v."clientId", v.name, v.email, v.phone, v.mobile, v.salutation, v.position, v."isPrimary", v."sortOrder"
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as v("clientId" uuid, name text, email text, phone text, mobile text, salutation text, position text, "isPrimary" boolean, "sortOrder" integer)`);
    }
  }

  // The app is now the field's writer, in place of any earlier run or hand edit (the check
  // allows one writer). Multi-row statements take their rows as one jsonb parameter: binding thousands of
  // separate parameters costs more than the statement itself on PGlite.
  const provenance = items.flatMap((i) =>
    [...i.fields.map((f) => f.field as ClientFieldName), ...(i.contacts ? (['contacts'] as const) : [])].map((field) => ({ clientId: i.clientId, field })),
  );
  if (provenance.length > 0) {
    statements.push(sql`
      insert into client_field_provenance (practice_id, client_id, field, app, sync_run_id, synced_at)
      select ${actor.practiceId}, v."clientId", v.field::client_field, ${app}, ${actor.syncRunId ?? null}::uuid, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(provenance)}::jsonb) as v("clientId" uuid, field text)
      on conflict (client_id, field) do update set app = excluded.app, edited_by_user_id = null, sync_run_id = excluded.sync_run_id, synced_at = excluded.synced_at`);
  }

  const changes = items.filter((i) => i.kind !== null);
  if (changes.length > 0 && actor.syncRunId) {
    const rows = changes.map((i) => ({
      clientId: i.clientId,
      externalId: i.externalId,
      kind: i.kind,
      fields: i.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })),
      contacts: i.contacts,
    }));
    statements.push(sql`
      insert into sync_run_changes (practice_id, run_id, client_id, external_id, kind, fields, contacts)
      select ${actor.practiceId}, ${actor.syncRunId}::uuid, v."clientId", v."externalId", v.kind::sync_change_kind, v.fields, v.contacts
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v("clientId" uuid, "externalId" text, kind text, fields jsonb, contacts jsonb)
      on conflict (run_id, external_id) do nothing`);
  }

  const links = items.filter((i) => i.linkHash !== null).map((i) => ({ externalId: i.externalId, hash: i.linkHash, status: i.linkStatus }));
  if (links.length > 0) {
    statements.push(sql`
      update client_links as l set last_synced_hash = v.hash, last_synced_at = ${now.toISOString()}::timestamptz, status = v.status::link_status
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as v("externalId" text, hash text, status text)
      where l.practice_id = ${actor.practiceId} and l.app = ${app} and l.external_id = v."externalId"`);
  }
  return statements;
}

/** What a To-an-app run did with one linked record (lib/sync/engine/push.ts). */
export interface PushRecorded {
  clientId: string;
  externalId: string;
  /** The client's synced content hash when it was planned: the link's new `last_pushed_hash`. */
  contentHash: string;
  /**
   * When something was sent: the link's new `last_synced_hash`, from the record as the app
   * now holds it (already written to the directory), so the next From read finds no change.
   */
  syncedHash: string | null;
  /** The fields sent (before = the app's value, after = ours) and contacts; none: nothing was sent. */
  fields: FieldChange[];
  contacts: { before: ContactColumns[]; after: ContactColumns[] } | null;
}

/**
 * One pushed record, in the short transaction after the app answered: the link's hashes and
 * the run's change row (kind `updated`, once per run and record). The client's own columns
 * and provenance are untouched: a push writes nothing here but the record of what it sent.
 */
export async function recordPush(tx: Transaction, actor: Actor, app: AppIdValue, pushed: PushRecorded): Promise<void> {
  const sent = pushed.fields.length > 0 || pushed.contacts !== null;
  await tx
    .update(clientLinks)
    .set({
      lastPushedHash: pushed.contentHash,
      ...(pushed.syncedHash !== null ? { lastSyncedHash: pushed.syncedHash, lastSyncedAt: new Date() } : {}),
    })
    .where(and(eq(clientLinks.practiceId, actor.practiceId), eq(clientLinks.app, app), eq(clientLinks.externalId, pushed.externalId), eq(clientLinks.clientId, pushed.clientId)));
  if (sent && actor.syncRunId) {
    await tx
      .insert(syncRunChanges)
      .values({
        practiceId: actor.practiceId,
        runId: actor.syncRunId,
        clientId: pushed.clientId,
        externalId: pushed.externalId,
        kind: 'updated',
        fields: pushed.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })),
        contacts: pushed.contacts,
      })
      .onConflictDoNothing();
  }
}
