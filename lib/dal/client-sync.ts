import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { clientFieldProvenance, clientLinkAudit, clientLinks, clients, connections, directoryRecords, syncRunChanges, syncRuns, users } from '@/db/schema';
import { memberActor } from '@/lib/commands/actor';
import * as commands from '@/lib/commands/client-links';
import { CLIENT_FIELD_LABELS } from '@/lib/clients/field-labels';
import { APP_IDS, type AppId } from '@/lib/apps/ids';
import { ActionError, MESSAGES } from './action';
import { inAppOrder, isConnected } from './client-picker/connected-apps';
import type { AppFlow } from '@/lib/clients/sync-section-text';
import type { Member } from './session';

/**
 * A client's Sync section (issue 12): its links, where each field's value came from, the
 * fields' recent changes and the link audit — for any member of the practice; Link to…,
 * Unlink and Relink for admins only. Every read is scoped by the member's practice.
 */

export interface ClientLinkView {
  app: AppId;
  externalId: string;
  /** What the app calls the record (its directory name); null when the directory no longer has it. */
  recordName: string | null;
  /** The record's page in the app, when the app gave one (XPM's WebUrl). */
  webUrl: string | null;
  status: 'active' | 'external_archived' | 'external_deleted';
  linkedAt: Date;
  linkedByName: string | null;
  lastSyncedAt: Date | null;
}

export interface FieldChangeView {
  runId: string;
  app: AppId;
  at: Date;
  before: string | null;
  after: string | null;
}

export interface FieldOriginView {
  field: string;
  /** The app that wrote the current value, or null when a member edited it here. */
  app: AppId | null;
  syncRunId: string | null;
  editedByName: string | null;
  at: Date;
  /** Written by an undo run: the value was put back, not brought from the app. */
  byUndo: boolean;
  /** Newest first, at most RECENT_CHANGES_PER_FIELD. */
  recentChanges: FieldChangeView[];
}

export interface LinkAuditView {
  id: string;
  app: AppId;
  action: 'link' | 'unlink' | 'relink';
  beforeExternalId: string | null;
  afterExternalId: string | null;
  /** The records' names when the change was made; null in rows older than that record (migration 0022). */
  beforeName: string | null;
  afterName: string | null;
  /** The records' names in the directory now (null when it no longer holds them): a rename since is said beside the name then. */
  beforeNameNow: string | null;
  afterNameNow: string | null;
  byName: string | null;
  trigger: string;
  syncRunId: string | null;
  /** A run's link: what the run recorded for the record (`linked` by name, `created` from it); null when it recorded nothing. */
  runChange: string | null;
  at: Date;
}

export interface ClientSyncView {
  links: ClientLinkView[];
  /** Connected apps this client has no link to: where "Link to…" is offered. */
  unlinkedApps: AppId[];
  /** How data flows with each connected app (its saved settings): what a link there will do. */
  flows: Partial<Record<AppId, AppFlow>>;
  fields: FieldOriginView[];
  audit: LinkAuditView[];
  canManageLinks: boolean;
}

export const RECENT_CHANGES_PER_FIELD = 3;
/** Change rows read per client: enough for a few changes of every field the runs touch. */
const CHANGE_ROWS = 60;
const AUDIT_ROWS = 10;
const FIELD_ORDER: readonly string[] = Object.keys(CLIENT_FIELD_LABELS);

/** An app's page for the record, only when it is a web address (it is shown as a link). */
function safeWebUrl(value: unknown): string | null {
  return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : null;
}

/**
 * Recent runs' changes to this client's values, split per field, newest first: runs From an app
 * (and their undos). A run To an app records the app's value before and the one it sent — what
 * changed in the app, shown on that run's page — not a change here.
 */
async function recentFieldChanges(member: Member, clientId: string): Promise<Map<string, FieldChangeView[]>> {
  const db = await getDb();
  const rows = await db
    .select({ runId: syncRunChanges.runId, app: syncRuns.app, at: syncRunChanges.createdAt, fields: syncRunChanges.fields, contacts: syncRunChanges.contacts })
    .from(syncRunChanges)
    .innerJoin(syncRuns, and(eq(syncRuns.practiceId, syncRunChanges.practiceId), eq(syncRuns.id, syncRunChanges.runId)))
    .where(and(eq(syncRunChanges.practiceId, member.practiceId), eq(syncRunChanges.clientId, clientId), eq(syncRuns.direction, 'from_app')))
    .orderBy(desc(syncRunChanges.createdAt), desc(syncRunChanges.id))
    .limit(CHANGE_ROWS);
  const byField = new Map<string, FieldChangeView[]>();
  const add = (field: string, change: FieldChangeView) => {
    const list = byField.get(field) ?? [];
    if (list.length < RECENT_CHANGES_PER_FIELD) byField.set(field, [...list, change]);
  };
  for (const row of rows) {
    for (const f of row.fields) add(f.field, { runId: row.runId, app: row.app, at: row.at, before: f.before, after: f.after });
    if (row.contacts) {
      const names = (list: unknown[]) => list.map((c) => (c as { name?: string }).name ?? '').join(', ') || null;
      add('contacts', { runId: row.runId, app: row.app, at: row.at, before: names(row.contacts.before), after: names(row.contacts.after) });
    }
  }
  return byField;
}

/** The directory's names for the records the link history mentions, by `app:externalId`. */
async function directoryNames(member: Member, records: readonly { app: AppId; id: string }[]): Promise<Map<string, string>> {
  if (records.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ app: directoryRecords.app, externalId: directoryRecords.externalId, name: directoryRecords.name })
    .from(directoryRecords)
    .where(
      and(
        eq(directoryRecords.practiceId, member.practiceId),
        inArray(
          directoryRecords.externalId,
          records.map((r) => r.id),
        ),
      ),
    );
  return new Map(rows.map((r) => [`${r.app}:${r.externalId}`, r.name]));
}

/** The client's Sync section, or null when the client is not the member's practice's. */
export async function getClientSync(member: Member, clientId: string): Promise<ClientSyncView | null> {
  const db = await getDb();
  const [client] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.practiceId, member.practiceId), eq(clients.id, clientId)));
  if (!client) return null;

  const linkRows = await db
    .select({
      app: clientLinks.app,
      externalId: clientLinks.externalId,
      recordName: directoryRecords.name,
      webUrl: sql<unknown>`${directoryRecords.payload} -> 'webUrl'`,
      status: clientLinks.status,
      linkedAt: clientLinks.linkedAt,
      linkedByName: users.name,
      lastSyncedAt: clientLinks.lastSyncedAt,
    })
    .from(clientLinks)
    .leftJoin(
      directoryRecords,
      and(eq(directoryRecords.practiceId, clientLinks.practiceId), eq(directoryRecords.app, clientLinks.app), eq(directoryRecords.externalId, clientLinks.externalId)),
    )
    .leftJoin(users, and(eq(users.id, clientLinks.linkedByUserId), eq(users.practiceId, clientLinks.practiceId)))
    .where(and(eq(clientLinks.practiceId, member.practiceId), eq(clientLinks.clientId, clientId)));
  const connectionRows = await db
    .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(isConnected(member.practiceId));
  const connected = inAppOrder(connectionRows.map((row) => row.app));
  const flows: Partial<Record<AppId, AppFlow>> = Object.fromEntries(connectionRows.map(({ app, syncData, direction }) => [app, { syncData, direction }]));
  const links = linkRows.map((row) => ({ ...row, webUrl: safeWebUrl(row.webUrl) })).sort((a, b) => APP_IDS.indexOf(a.app) - APP_IDS.indexOf(b.app));

  const provenance = await db
    .select({
      field: clientFieldProvenance.field,
      app: clientFieldProvenance.app,
      syncRunId: clientFieldProvenance.syncRunId,
      editedByName: users.name,
      at: clientFieldProvenance.syncedAt,
      runTrigger: syncRuns.trigger,
    })
    .from(clientFieldProvenance)
    .leftJoin(users, and(eq(users.id, clientFieldProvenance.editedByUserId), eq(users.practiceId, clientFieldProvenance.practiceId)))
    .leftJoin(syncRuns, and(eq(syncRuns.practiceId, clientFieldProvenance.practiceId), eq(syncRuns.id, clientFieldProvenance.syncRunId)))
    .where(and(eq(clientFieldProvenance.practiceId, member.practiceId), eq(clientFieldProvenance.clientId, clientId)));
  const changes = await recentFieldChanges(member, clientId);
  const fields = provenance
    .map(({ runTrigger, ...p }) => ({ ...p, byUndo: runTrigger === 'undo', recentChanges: changes.get(p.field) ?? [] }))
    .sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));

  const audit = await db
    .select({
      id: clientLinkAudit.id,
      app: clientLinkAudit.app,
      action: clientLinkAudit.action,
      beforeExternalId: clientLinkAudit.beforeExternalId,
      afterExternalId: clientLinkAudit.afterExternalId,
      beforeName: clientLinkAudit.beforeName,
      afterName: clientLinkAudit.afterName,
      byName: users.name,
      trigger: clientLinkAudit.trigger,
      syncRunId: clientLinkAudit.syncRunId,
      // What the run did with the record: linked a client of the same name, or created the client from it.
      runChange: syncRunChanges.kind,
      at: clientLinkAudit.createdAt,
    })
    .from(clientLinkAudit)
    .leftJoin(users, and(eq(users.id, clientLinkAudit.userId), eq(users.practiceId, clientLinkAudit.practiceId)))
    .leftJoin(
      syncRunChanges,
      and(
        eq(syncRunChanges.practiceId, clientLinkAudit.practiceId),
        eq(syncRunChanges.runId, clientLinkAudit.syncRunId),
        eq(syncRunChanges.clientId, clientLinkAudit.clientId),
        eq(syncRunChanges.externalId, clientLinkAudit.afterExternalId),
      ),
    )
    .where(and(eq(clientLinkAudit.practiceId, member.practiceId), eq(clientLinkAudit.clientId, clientId)))
    .orderBy(desc(clientLinkAudit.createdAt), desc(clientLinkAudit.id))
    .limit(AUDIT_ROWS);

  const names = await directoryNames(
    member,
    audit.flatMap((e) => [e.beforeExternalId, e.afterExternalId].filter((id): id is string => id !== null).map((id) => ({ app: e.app, id }))),
  );
  const nameOf = (app: AppId, id: string | null) => (id ? (names.get(`${app}:${id}`) ?? null) : null);

  return {
    links,
    unlinkedApps: connected.filter((app) => !links.some((l) => l.app === app)),
    flows,
    fields,
    audit: audit.map((e) => ({ ...e, beforeNameNow: nameOf(e.app, e.beforeExternalId), afterNameNow: nameOf(e.app, e.afterExternalId) })),
    canManageLinks: member.role === 'admin',
  };
}

/** Only admins change links (issue 12: "admin-only"); the action helper checks too, this keeps every caller honest. */
function requireAdmin(member: Member) {
  if (member.role !== 'admin') throw new ActionError(MESSAGES.forbidden, undefined, 'forbidden');
}

export async function linkClientToRecord(member: Member, target: commands.LinkTarget): Promise<void> {
  requireAdmin(member);
  const db = await getDb();
  await db.transaction((tx) => commands.linkClientToRecord(tx, memberActor(member), target));
}

export async function unlinkClient(member: Member, target: { clientId: string; app: AppId }): Promise<void> {
  requireAdmin(member);
  const db = await getDb();
  await db.transaction((tx) => commands.unlinkClient(tx, memberActor(member), target));
}

export async function relinkClient(member: Member, target: commands.LinkTarget): Promise<void> {
  requireAdmin(member);
  const db = await getDb();
  await db.transaction((tx) => commands.relinkClient(tx, memberActor(member), target));
}
