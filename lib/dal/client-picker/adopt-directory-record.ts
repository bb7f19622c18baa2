import 'server-only';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db';
import { concurrently } from '@/db/concurrently';
import { clientLinkAudit, clientLinks, clients, connections, directoryRecords, users } from '@/db/schema';
import { type AppFlow, linkEffectText } from '@/lib/clients/sync-section-text';
import { memberActor } from '@/lib/commands/actor';
import { createClientFromRecord, linkClient } from '@/lib/commands/clients';
import { APP_LABEL, type AppId, type CanonicalClient } from '@/lib/sync/canonical-client';
import type { DifferingNumber } from '@/lib/sync/matching';
import {
  linkChoices,
  mayCreate,
  mayCreateBesideNamesakes,
  planPickedRecord,
  unseenClients,
  type CreateNewAnswer,
  type LikelyDuplicateClient,
  type LookalikeClient,
  type Namesake,
  type PickedRecordPlan,
} from '@/lib/clients/picked-record-plan';
import type { TakenApart } from '@/lib/clients/taken-apart-text';
import { ActionError } from '../action';
import type { Member } from '../session';
import { connectedApps, connectedBadges } from './connected-apps';
import { lookalikeClients } from './duplicates';

/**
 * Turning a picked XPM client or Gusto company into a client of the practice (DESIGN §3):
 *
 * - already linked → that client;
 * - the author chose a client to link it to (several share its name, or one whose number
 *   differs) → link that one;
 * - the author said it is another business → create it, but only when a number proves every
 *   client with its name another business (lib/clients/picked-record-plan.ts);
 * - exactly one unlinked client here has the same normalised name and no different number →
 *   link it (the only automatic link the design allows), changing none of its fields;
 * - more than one, or one whose tax or business number differs → ask the author (never link
 *   one at random, never join two businesses on a name alone);
 * - none, and no client looks like it (a similar name, the same email or tax number) → create
 *   the client from the record's canonical payload, with provenance, and link it;
 * - none, but clients look like it → create it only when the author said it is a new client;
 *   else the author may use one of them instead: one with no record of this app yet is then the
 *   client the author said this record is, and the editor sends it as the client to link (as a
 *   namesake chosen); one linked to another record of the app is sent as the proposal's client
 *   alone, and this record is neither created nor linked (Suggested matches can link it later).
 *
 * A client to link is checked against the plan made now (`linkChoices`), never trusted from the
 * page: it must still be one the plan offers (a namesake, or a look-alike with no record of the
 * app), in the member's practice, active and unlinked to the app, and the record still unlinked
 * (or linked to that very client). Each refusal says which of these failed, on the client field.
 *
 * Concurrency: a transaction-scoped advisory lock per (practice, app, record) makes two
 * saves of the same pick run one after the other, so the second finds the first's link;
 * the link's unique keys are the backstop (a conflict rolls the whole save back).
 */

/**
 * `linkEffect`: what linking would do under the app's sync settings ("Gusto's next sync brings
 * its values in, replacing what differs here."), said before the author links a namesake.
 * `flow`: those settings, for the editor to say the same of the look-alike it links on "Use this
 * instead", with that client's name (lib/proposals/used-instead.ts).
 */
export type AdoptionPlan = { kind: 'already_linked'; client: { id: string; name: string } } | (PickedRecordPlan & { linkEffect: string; flow: AppFlow | null });

/**
 * The author's answer to a plan that asked: link this client, or create a new one.
 *
 * `createNew` is one answer to both questions a plan may ask before creating: "none of these
 * namesakes, another business" and "not one of these likely duplicates, a new client". Both mean
 * "this record is a business you do not have yet: create it", and the plan the save makes decides
 * which question it answers; a second flag would only let the browser answer the wrong one. What
 * keeps it from answering a question the author never saw (the plan changed since the editor
 * fetched it) is `shownClientIds`, the clients the question named: a client named now and not
 * then refuses the save (`unseenClients`).
 * "Use this instead" of a look-alike with no record of the app is `linkToClientId`, as a namesake
 * chosen is: the author's word that this record is that client. Of a look-alike linked elsewhere
 * in the app it needs no answer: the proposal's client is then that client, not this record.
 */
export interface AdoptionAnswer extends CreateNewAnswer {
  linkToClientId: string | null;
  /**
   * The author's second, deliberate word that a look-alike whose tax (or business) number differs
   * from the record's is nonetheless this business (lib/clients/identity-differences.ts): without
   * it such a link is refused, whatever the browser sent.
   */
  linkDespiteDifferentNumber?: boolean;
}

export interface AdoptionResult {
  clientId: string;
  clientName: string;
  outcome: 'already_linked' | 'linked_existing' | 'created';
}

/** Thrown inside a save's transaction when a link appeared under us: the save is retried. */
export class LinkRaceError extends Error {
  constructor() {
    super('client link appeared concurrently');
    this.name = 'LinkRaceError';
  }
}

type Db = Database | Transaction;

async function linkedClient(db: Db, practiceId: string, app: AppId, externalId: string) {
  const [row] = await db
    .select({ id: clients.id, name: clients.name })
    .from(clientLinks)
    .innerJoin(clients, and(eq(clients.practiceId, clientLinks.practiceId), eq(clients.id, clientLinks.clientId)))
    .where(and(eq(clientLinks.practiceId, practiceId), eq(clientLinks.app, app), eq(clientLinks.externalId, externalId)))
    .limit(1);
  return row ?? null;
}

async function directoryRecord(db: Db, practiceId: string, app: AppId, externalId: string) {
  const [row] = await db
    .select({
      name: directoryRecords.name,
      email: directoryRecords.email,
      taxNumber: directoryRecords.taxNumber,
      businessNumber: directoryRecords.businessNumber,
      payload: directoryRecords.payload,
      payloadHash: directoryRecords.payloadHash,
    })
    .from(directoryRecords)
    .where(and(eq(directoryRecords.practiceId, practiceId), eq(directoryRecords.app, app), eq(directoryRecords.externalId, externalId)))
    .limit(1);
  if (!row) {
    throw new ActionError(`That ${APP_LABEL[app]} record is no longer in the directory. Search for the client again.`);
  }
  const payload = row.payload as CanonicalClient;
  // The street address's city and the phone, as a client's are read (its street city): what tells a look-alike apart.
  return { ...row, payload, city: payload.streetAddress?.city ?? null, phone: payload.phone ?? null };
}

/**
 * Active clients of the practice not yet linked to a record of `app`: the ones a picked
 * record may be linked to, with the numbers that can tell a namesake apart (a whole tax number
 * when the practice holds one, else XPM's masked one, as the sync compares them). Names are
 * compared in code (normalizeName), which no index expresses; this runs once per save, not per
 * keystroke.
 */
async function linkableClients(db: Db, practiceId: string, app: AppId) {
  return db
    .select({
      id: clients.id,
      name: clients.name,
      taxNumber: sql<string | null>`coalesce(${clients.taxNumber}, ${clients.taxNumberMasked})`,
      businessNumber: clients.businessNumber,
      email: clients.email,
      city: clients.streetCity,
      phone: clients.phone,
      createdAt: clients.createdAt,
    })
    .from(clients)
    .leftJoin(clientLinks, and(eq(clientLinks.practiceId, clients.practiceId), eq(clientLinks.clientId, clients.id), eq(clientLinks.app, app)))
    .where(and(eq(clients.practiceId, practiceId), isNull(clients.archivedAt), isNull(clientLinks.id)));
}

/**
 * Active clients of the practice that may be the record under another spelling, linked or not
 * (duplicates.ts narrows), badged as the picker badges a client: by its connected apps only.
 */
async function lookalikes(
  db: Db,
  practiceId: string,
  record: { name: string; email: string | null; taxNumber: string | null; businessNumber: string | null },
): Promise<LookalikeClient[]> {
  const [rows, connected] = await concurrently(db, [() => lookalikeClients(db, practiceId, record), () => connectedApps(db, practiceId)]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    city: row.city,
    taxNumber: row.tax_number,
    businessNumber: row.business_number,
    phone: row.phone,
    apps: connectedBadges(row.client_apps, connected),
  }));
}

/**
 * The clients this record was linked to once and taken apart from since — an admin's undo of the
 * run that linked them, an Unlink, a Relink away — the latest time each, from the link audit (by
 * its partial index on unlinks, as the sync's `pairsTakenApart` reads it). The undo promised that
 * syncs would not link such a pair again by name, so neither does the picker unasked.
 */
async function takenApartFrom(db: Db, practiceId: string, app: AppId, externalId: string): Promise<TakenApart[]> {
  const rows = await db
    .select({ clientId: clientLinkAudit.clientId, action: clientLinkAudit.action, trigger: clientLinkAudit.trigger, byName: users.name, at: clientLinkAudit.createdAt })
    .from(clientLinkAudit)
    .leftJoin(users, and(eq(users.id, clientLinkAudit.userId), eq(users.practiceId, clientLinkAudit.practiceId)))
    .where(
      and(
        eq(clientLinkAudit.practiceId, practiceId),
        eq(clientLinkAudit.app, app),
        eq(clientLinkAudit.beforeExternalId, externalId),
        inArray(clientLinkAudit.action, ['unlink', 'relink']),
      ),
    )
    .orderBy(desc(clientLinkAudit.createdAt), desc(clientLinkAudit.id));
  const latest = new Map<string, TakenApart>();
  for (const row of rows) {
    if (latest.has(row.clientId)) continue;
    const how = row.trigger === 'undo' ? 'undo' : row.action === 'relink' ? 'relink' : 'unlink';
    latest.set(row.clientId, { clientId: row.clientId, how, byName: row.byName, at: new Date(row.at) });
  }
  return [...latest.values()];
}

async function planFor(db: Db, member: Pick<Member, 'practiceId' | 'practiceTimezone'>, app: AppId, externalId: string, record: Awaited<ReturnType<typeof directoryRecord>>) {
  const linkable = await linkableClients(db, member.practiceId, app);
  const alike = await lookalikes(db, member.practiceId, record);
  const events = await takenApartFrom(db, member.practiceId, app, externalId);
  return { linkable, plan: planPickedRecord(record, linkable, alike, member.practiceTimezone, { appLabel: APP_LABEL[app], events }) };
}

/** What saving with this pick will do, for the editor to say before it happens. */
export async function planAdoption(db: Db, member: Pick<Member, 'practiceId' | 'practiceTimezone'>, app: AppId, externalId: string): Promise<AdoptionPlan> {
  const { practiceId } = member;
  const linked = await linkedClient(db, practiceId, app, externalId);
  if (linked) return { kind: 'already_linked', client: linked };
  const record = await directoryRecord(db, practiceId, app, externalId);
  const { plan } = await planFor(db, member, app, externalId, record);
  const [flow] = await db
    .select({ syncData: connections.syncData, direction: connections.syncDirection })
    .from(connections)
    .where(and(eq(connections.practiceId, practiceId), eq(connections.app, app), ne(connections.status, 'disconnected')));
  const names = plan.kind === 'link_existing' ? { client: plan.client.name, record: record.name } : undefined;
  return { ...plan, linkEffect: linkEffectText(app, flow ?? null, names), flow: flow ?? null };
}

async function insertLink(tx: Transaction, member: Member, app: AppId, externalId: string, clientId: string, lastSyncedHash: string | null) {
  if (!(await linkClient(tx, memberActor(member), { app, externalId, clientId, lastSyncedHash }))) throw new LinkRaceError();
}

/**
 * Resolves a picked directory record to a client of the member's practice, inside the
 * caller's transaction. `answer` is the author's reply when the plan asked (several clients
 * share the record's name, or one whose number differs, or clients look like it).
 */
export async function adoptDirectoryRecord(tx: Transaction, member: Member, app: AppId, externalId: string, answer: AdoptionAnswer): Promise<AdoptionResult> {
  const { practiceId } = member;
  const label = APP_LABEL[app];
  if (answer.linkToClientId && answer.createNew) throw new ActionError('Choose either a client to link or a new client, not both.', { client: [chooseAgain(true)] });
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`client-link:${practiceId}:${app}:${externalId}`}, 0))`);

  const linked = await linkedClient(tx, practiceId, app, externalId);
  if (linked && answer.linkToClientId && linked.id !== answer.linkToClientId) {
    // The author said this record is one client; meanwhile it became another's. Neither is guessed.
    throw new ActionError(`While you were choosing, this ${label} record was linked to your client “${linked.name}”, so it was not linked to the client you chose.`, {
      client: [`This ${label} record is now linked to your client “${linked.name}”. Choose the proposal's client again.`],
    });
  }
  if (linked) return { clientId: linked.id, clientName: linked.name, outcome: 'already_linked' };

  const record = await directoryRecord(tx, practiceId, app, externalId);
  const { linkable: candidates, plan } = await planFor(tx, member, app, externalId, record);

  // A refusal of the author's answer goes on the client field: the editor then fetches the plan
  // again and asks the question as it is now (proposal-editor.tsx), which the error points to.
  if (answer.linkToClientId) {
    const chosen = candidates.find((c) => c.id === answer.linkToClientId);
    if (!chosen || !linkChoices(plan).includes(chosen.id)) throw await linkRefused(tx, practiceId, app, answer.linkToClientId, record.name, plan);
    const lookalike = plan.kind === 'create' ? plan.duplicates.find((d) => d.id === chosen.id) : undefined;
    if (lookalike?.conflict && !answer.linkDespiteDifferentNumber) throw differentNumberRefused(lookalike.conflict, record.name, chosen.name, label);
    await insertLink(tx, member, app, externalId, chosen.id, null);
    return { clientId: chosen.id, clientName: chosen.name, outcome: 'linked_existing' };
  }

  if (answer.createNew && !mayCreateBesideNamesakes(plan)) {
    // The plan changed since the editor asked (a number was edited, a client added): say so, create nothing.
    throw new ActionError(
      `A client here has the name “${record.name}” and no different tax or business number, so this ${label} record may be that client: it was not created again. Choose again under the chosen client.`,
      {
        client: [`A client here now has this name and no different tax or business number. ${nextStep(plan)}`],
      },
    );
  }
  const unseen = answer.createNew ? unseenClients(plan, answer.shownClientIds) : [];
  if (unseen.length > 0) {
    // "It is a new client" was said of the clients shown then; the question now names another.
    throw new ActionError(unseenFirstMessage(plan, unseen, record.name, label), { client: [unseenField(plan, unseen.length)] });
  }
  if (plan.kind === 'choose' && !answer.createNew) {
    throw new ActionError(chooseFirstMessage(plan.clients, record.name, label), { client: [takenApartField(plan.clients, label) ?? chooseAgain(plan.canCreate)] });
  }
  if (plan.kind === 'link_existing') {
    // Linked, not overwritten: the sync settings decide later whether the app's values flow in.
    await insertLink(tx, member, app, externalId, plan.client.id, null);
    return { clientId: plan.client.id, clientName: plan.client.name, outcome: 'linked_existing' };
  }

  if (plan.kind === 'create' && !mayCreate(plan, answer)) {
    // Whatever the browser sent (an old page, a plan fetched before the look-alike was added).
    throw new ActionError(duplicatesFirstMessage(plan.duplicates, record.name, label), { client: [REVIEW_DUPLICATES_FIELD] });
  }

  // No sync run: the author's pick wrote these fields, from this app, now.
  const created = await createClientFromRecord(tx, memberActor(member), app, record.payload);
  await insertLink(tx, member, app, externalId, created.id, record.payloadHash);
  return { clientId: created.id, clientName: created.name, outcome: 'created' };
}

const NUMBER_WORD = { tax_number: 'tax', business_number: 'business' } as const;

/**
 * "Use this instead" of a look-alike whose number differs, without the author's second step (an
 * old page, a forged request): the two are probably different businesses, and linking them would
 * let the app's next sync overwrite the client with another business's values (a user trial).
 */
function differentNumberRefused(kind: DifferingNumber, recordName: string, clientName: string, label: string): ActionError {
  const number = NUMBER_WORD[kind];
  return new ActionError(
    `The ${label} record “${recordName}” has a different ${number} number from your client “${clientName}”, so they are probably different businesses: it was not linked. If they are the same business, tick “They are the same business” under it and use it anyway; else say it is a new client.`,
    { client: [`Different ${number} numbers: probably a different business. Confirm they are the same business to use it anyway, or say it is a new client.`] },
  );
}

/**
 * Why the client the author chose may not be linked to the record now, in words: it is not the
 * member's practice's (said without naming anything of another practice), it was archived, it got
 * a record of the app meanwhile, or the plan no longer offers it (renamed, or a number now tells
 * them apart).
 */
async function linkRefused(tx: Transaction, practiceId: string, app: AppId, clientId: string, recordName: string, plan: PickedRecordPlan): Promise<ActionError> {
  const label = APP_LABEL[app];
  const [client] = await tx
    .select({ name: clients.name, archivedAt: clients.archivedAt, linkedTo: clientLinks.externalId })
    .from(clients)
    .leftJoin(clientLinks, and(eq(clientLinks.practiceId, clients.practiceId), eq(clientLinks.clientId, clients.id), eq(clientLinks.app, app)))
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  const notLinked = `so the ${label} record “${recordName}” was not linked to it`;
  if (!client) {
    return new ActionError(`The client you chose is not one of your clients, ${notLinked}. Pick the client again.`, {
      client: [`The client you chose is not one of your clients. ${nextStep(plan)}`],
    });
  }
  const why = client.archivedAt
    ? 'was archived meanwhile'
    : client.linkedTo !== null
      ? `was linked to another ${label} record meanwhile`
      : `is no longer one of the clients this ${label} record may be`;
  return new ActionError(`Your client “${client.name}” ${why}, ${notLinked}.`, { client: [`“${client.name}” ${why}. ${nextStep(plan)}`] });
}

/** The field's error: "another business" only where the editor offers it (`canCreate`). */
function chooseAgain(canCreate: boolean): string {
  return canCreate ? 'Choose which client this record is, or whether it is another business.' : 'Choose which of your clients this record is.';
}

/** The field's error when a pick would create a client beside likely duplicates without the author's word. */
export const REVIEW_DUPLICATES_FIELD = 'This may be a client you already have: use one of the clients shown instead, or say it is a new client.';

function duplicatesFirstMessage(duplicates: readonly LikelyDuplicateClient[], name: string, label: string): string {
  const [first] = duplicates;
  const which = first && duplicates.length === 1 ? `your client “${first.name}”` : `one of ${duplicates.length} of your clients`;
  const use = duplicates.length === 1 ? 'Use that client instead' : 'Use one of them instead';
  return `The ${label} record “${name}” may be ${which}, so it was not created. ${use}, or say it is a new client, under the chosen client.`;
}

/** The clients the plan names now that the author was not shown, by name where the plan has one. */
function unseenFirstMessage(plan: PickedRecordPlan, unseen: readonly string[], name: string, label: string): string {
  const named = plan.kind === 'create' ? plan.duplicates : plan.kind === 'choose' ? plan.clients : [];
  const [only] = named.filter((c) => unseen.includes(c.id));
  const which = only && unseen.length === 1 ? `your client “${only.name}”` : `one of ${unseen.length} of your clients`;
  return `The ${label} record “${name}” may be ${which}, not shown when you said it is a new client, so it was not created. Answer again under the chosen client.`;
}

function unseenField(plan: PickedRecordPlan, count: number): string {
  const since = count === 1 ? 'A client you were not shown may be this record.' : `${count} clients you were not shown may be this record.`;
  return `${since} ${plan.kind === 'create' ? 'Use one of the clients shown instead, or say it is a new client.' : nextStep(plan)}`;
}

/** What to do after a refused answer, under the plan as it is now (the editor shows it again). */
function nextStep(plan: PickedRecordPlan): string {
  if (plan.kind === 'choose') return chooseAgain(plan.canCreate);
  if (plan.kind === 'create' && plan.duplicates.length > 0) return 'Use one of the clients shown instead, or say it is a new client.';
  return 'See what saving does now, under the chosen client, and save again.';
}

/** The field's error when the one namesake was taken apart from the record: the question is whether they are one business. */
function takenApartField(namesakes: readonly Namesake[], label: string): string | null {
  const [only] = namesakes;
  if (!only || namesakes.length !== 1 || !only.takenApart || only.differs) return null;
  return `They were unlinked before, so saving does not link them by name. Say whether this ${label} record is “${only.name}”, or pick another client.`;
}

function chooseFirstMessage(namesakes: readonly Namesake[], name: string, label: string): string {
  const [only] = namesakes;
  if (only && namesakes.length === 1 && only.takenApart) {
    return `${only.takenApart} So saving did not link them by name. Say whether this ${label} record is that client, under the chosen client.`;
  }
  if (only && namesakes.length === 1 && only.differs) {
    return `Your client “${only.name}” has this name but a different ${only.differs.kind === 'tax_number' ? 'tax' : 'business'} number, so this ${label} record may be another business. Choose which it is, under the chosen client.`;
  }
  return `${namesakes.length} clients here are named like “${name}”. Choose which one this ${label} record is, under the chosen client.`;
}
