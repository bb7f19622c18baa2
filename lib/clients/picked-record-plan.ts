import { APP_IDS, type AppId } from '@/lib/apps/ids';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { differingNumber, findAutoLinkTarget, isAutoLinkMatch, PRACTICE_SOURCE, scoreSuggestedMatch, type DifferingNumber, type DuplicateReason } from '@/lib/sync/matching';
import { namesakeDetails } from '@/lib/sync/runs/namesake-details';
import { compareIdentity, type IdentityDifference, type IdentityFacts } from './identity-differences';
import { type TakenApart, takenApartText } from './taken-apart-text';
import { distinctTaxEndings, taxNumberEnding } from './tax-number';

/**
 * What saving a proposal with a picked XPM client or Gusto company will do, decided from the
 * record and the practice's clients not yet linked to that app. Pure, so every case is tested
 * without a database (lib/dal/client-picker/adopt-directory-record.ts reads the rows).
 *
 * The one automatic link is an exact normalised name (DESIGN §3 Matching), with the sync's one
 * exception: when both sides carry a tax number, or both a business number, and it differs, a
 * name alone does not make them one business (lib/sync/engine/auto-link.ts skips such a record).
 * The picker has an author at hand, so instead of skipping it asks: that client, or another
 * business — and only then may a client with the same name be created beside it.
 *
 * When nothing shares its name, a client may still be the same business under another spelling
 * ("Summit Peak Consluting LLC" beside "Summit Peak Consulting LLC"), or the same email or tax
 * number: the plan to create then carries those likely duplicates, and saving waits for the author
 * to use one of them instead or say it is a new client (`likelyDuplicates`, `mayCreate`) — an
 * answer that holds only for the clients the author was shown (`unseenClients`). Using one that
 * has no record of the app yet is the author's word that the record is that client, the
 * confirmation a fuzzy match needs: saving links them (`linkChoices`).
 */
export interface PlannedRecord {
  name: string;
  email?: string | null;
  taxNumber: string | null;
  businessNumber: string | null;
  /** The street address's city and the phone: with the above, what tells a look-alike apart (compareIdentity). */
  city?: string | null;
  phone?: string | null;
}

export interface LinkableClient {
  id: string;
  name: string;
  /** The whole number when the practice holds it, else XPM's masked one. */
  taxNumber: string | null;
  businessNumber: string | null;
  email: string | null;
  city: string | null;
  phone: string | null;
  createdAt: Date;
}

/**
 * How a namesake's number differs from the record's, ready to show: a business number whole
 * (it is public), a tax number by its ending only — the page need not hold the secret to tell
 * two apart, and the plan goes to the browser.
 */
export interface NumberDifference {
  kind: DifferingNumber;
  here: string;
  inApp: string;
}

export interface Namesake {
  id: string;
  name: string;
  /**
   * What tells it from the other namesakes: the first of email, city, phone and when it was
   * added that each has and no two share (as the run page's namesakes: namesake-details.ts).
   */
  detail: string;
  /** Null: no number tells this client from the record. */
  differs: NumberDifference | null;
  /**
   * When this client and the record were linked once and taken apart since (an undo, an
   * Unlink, a Relink), what happened and when, in a sentence; else null. Syncs no longer link
   * them by name, so neither does the picker: the author says whether they are one business.
   */
  takenApart: string | null;
}

/** Any active client of the practice that may be the record, linked to whatever apps (`apps`). */
export interface LookalikeClient {
  id: string;
  name: string;
  email: string | null;
  city: string | null;
  /** The whole number when the practice holds it, else XPM's masked one. */
  taxNumber: string | null;
  businessNumber: string | null;
  phone: string | null;
  apps: readonly string[];
}

/**
 * A client that may be the record under another spelling (or the same email or tax number),
 * shown as the picker shows a client: its badges, email, city and tax number's ending only —
 * the plan goes to the browser.
 */
export interface LikelyDuplicateClient {
  id: string;
  name: string;
  sources: (typeof PRACTICE_SOURCE | AppId)[];
  email: string | null;
  city: string | null;
  taxNumberEnding: string | null;
  /** Strongest first. */
  reasons: DuplicateReason[];
  /**
   * Not linked to any record of the picked record's app: "Use this instead" then means "this
   * record is that client", and saving links the two. False: the client has its own record there,
   * so it is used and the picked record stays unlinked (a client has one record per app).
   */
  linkable: boolean;
  /** Where the record and the client both have a tax number, email, city or phone and they differ (compareIdentity). */
  differences: IdentityDifference[];
  /**
   * Both have a tax (or business) number and they differ: probably another business, so "Use
   * this instead" links them only on the author's second, deliberate word, which the save checks.
   */
  conflict: DifferingNumber | null;
}

/** As many as the new-client form shows (lib/dal/client-picker/duplicates.ts MAX_DUPLICATES). */
const MAX_LIKELY_DUPLICATES = 6;

export type PickedRecordPlan =
  | { kind: 'link_existing'; client: { id: string; name: string } }
  /** Several namesakes, or one whose number differs: the author says which, or (`canCreate`) none. */
  | { kind: 'choose'; clients: Namesake[]; canCreate: boolean }
  /** `duplicates`: when any, saving creates only once the author says it is a new client. */
  | { kind: 'create'; name: string; duplicates: LikelyDuplicateClient[] };

/**
 * `linkable`: the clients not yet linked to the record's app (namesakes among them may be linked);
 * `lookalikes`: the practice's active clients the database found alike, linked or not (those
 * among `linkable` may be linked on the author's "Use this instead").
 * `timezone`: the practice's, for "added 3 Dec 2026, 4:31 pm AEDT".
 * `takenApart`: the clients this record was linked to once and taken apart from since (the
 * latest time each), as the link audit has them. A namesake among them is not linked by name
 * (the undo's promise, and the sync's `unlinked_before`): the plan asks the author instead.
 */
export function planPickedRecord(
  record: PlannedRecord,
  linkable: readonly LinkableClient[],
  lookalikes: readonly LookalikeClient[],
  timezone: string,
  takenApart: { appLabel: string; events: readonly TakenApart[] } = { appLabel: '', events: [] },
): PickedRecordPlan {
  const target = findAutoLinkTarget(record, linkable);
  if (target.kind === 'none') return { kind: 'create', name: record.name, duplicates: likelyDuplicates(record, lookalikes, new Set(linkable.map((c) => c.id))) };
  const clients = target.kind === 'unique' ? [target.record] : target.records;
  const details = namesakeDetails(clients.map((c) => ({ email: c.email, city: c.city, phone: c.phone, added: `added ${formatPracticeDateTime(c.createdAt, timezone)}` })));
  const apart = (client: LinkableClient) => {
    const event = takenApart.events.find((e) => e.clientId === client.id);
    return event ? takenApartText(takenApart.appLabel, client.name, event, timezone) : null;
  };
  const namesakes = clients.map((client, i) => namesake(record, client, details[i]!, apart(client)));
  const [only] = namesakes;
  if (only && namesakes.length === 1 && only.differs === null && only.takenApart === null) return { kind: 'link_existing', client: { id: only.id, name: only.name } };
  return { kind: 'choose', clients: namesakes, canCreate: namesakes.every((n) => n.differs !== null) };
}

/**
 * The author's "it is a new client" (`createNew`), with the clients the editor showed them when
 * they said it (`shownClientIds`): the answer holds for those clients only.
 */
export interface CreateNewAnswer {
  createNew: boolean;
  shownClientIds: readonly string[];
}

/**
 * The clients the author must rule out before the record is created as a new client: its likely
 * duplicates, or its namesakes when a number proves each of them another business. Null: it may
 * not be created at all (a namesake nothing sets apart is that client).
 */
export function clientsToRuleOut(plan: PickedRecordPlan): readonly string[] | null {
  if (plan.kind === 'create') return plan.duplicates.map((d) => d.id);
  if (plan.kind === 'choose' && plan.canCreate) return plan.clients.map((c) => c.id);
  return null;
}

/**
 * Whether the author may create a new client from the record although clients here share its
 * name: only when a number proves each of them another business. The save checks this again,
 * whatever the browser sent.
 */
export function mayCreateBesideNamesakes(plan: PickedRecordPlan): boolean {
  return clientsToRuleOut(plan) !== null;
}

/**
 * The clients the plan asks about that the author was not shown when they said "it is a new
 * client": added (or newly alike, or newly a namesake) since the editor fetched its plan. One
 * answer serves both questions, so without this it would be reused for a question never seen.
 */
export function unseenClients(plan: PickedRecordPlan, shownClientIds: readonly string[]): string[] {
  return (clientsToRuleOut(plan) ?? []).filter((id) => !shownClientIds.includes(id));
}

/**
 * Whether saving may create a new client from the record: with nothing to rule out, always; else
 * only on the author's "it is a new client", given with every such client in sight. The save
 * checks this, whatever the browser sent.
 */
export function mayCreate(plan: PickedRecordPlan, answer: CreateNewAnswer): boolean {
  const toRuleOut = clientsToRuleOut(plan);
  if (toRuleOut === null) return false;
  return toRuleOut.length === 0 || (answer.createNew && unseenClients(plan, answer.shownClientIds).length === 0);
}

/**
 * The clients the author may link the record to under this plan: the namesake it links, the
 * namesakes it asks about, or a look-alike with no record of the app yet (its "Use this
 * instead"). The save checks the author's choice against the plan as it is then, so a client
 * that stopped being one of these (renamed, archived, linked meanwhile) is never linked on the
 * word of an older page.
 */
export function linkChoices(plan: PickedRecordPlan): string[] {
  if (plan.kind === 'link_existing') return [plan.client.id];
  if (plan.kind === 'choose') return plan.clients.map((c) => c.id);
  return plan.duplicates.filter((d) => d.linkable).map((d) => d.id);
}

/**
 * The clients that may be the record under another spelling, likeliest first. The evidence is the
 * Suggested matches page's (scoreSuggestedMatch: a similar enough name, the same email, the same
 * tax number), so what the editor warns of is what that page would suggest linking later, and a
 * client whose tax or business number proves it another business is left out unless the same email
 * or the same whole tax number says otherwise. A client with the record's very name is here only
 * when it is linked to another record of the app (else the namesake question asks about it): the
 * same, unless a number differs.
 */
export function likelyDuplicates(record: PlannedRecord, lookalikes: readonly LookalikeClient[], linkableIds: ReadonlySet<string>): LikelyDuplicateClient[] {
  const found: { client: LookalikeClient; reasons: DuplicateReason[]; confidence: number; nameSimilarity: number }[] = [];
  for (const client of lookalikes) {
    if (isAutoLinkMatch(record, client)) {
      if (differingNumber(client, record) === null) found.push({ client, reasons: ['exact_name'], confidence: 100, nameSimilarity: 1 });
      continue;
    }
    const score = scoreSuggestedMatch(client, record);
    if (score) found.push({ client, reasons: score.reasons, confidence: score.confidence, nameSimilarity: score.nameSimilarity });
  }
  found.sort((a, b) => b.confidence - a.confidence || b.nameSimilarity - a.nameSimilarity || a.client.name.localeCompare(b.client.name) || a.client.id.localeCompare(b.client.id));
  const recordFacts = identityFacts(record);
  return found.slice(0, MAX_LIKELY_DUPLICATES).map(({ client, reasons }) => ({
    ...compareIdentity(recordFacts, identityFacts(client)),
    id: client.id,
    name: client.name,
    sources: [PRACTICE_SOURCE, ...APP_IDS.filter((app) => client.apps.includes(app))],
    email: client.email,
    city: client.city,
    taxNumberEnding: taxNumberEnding(client.taxNumber),
    reasons,
    linkable: linkableIds.has(client.id),
  }));
}

function identityFacts(side: { taxNumber: string | null; businessNumber: string | null; email?: string | null; city?: string | null; phone?: string | null }): IdentityFacts {
  return { taxNumber: side.taxNumber, businessNumber: side.businessNumber, email: side.email ?? null, city: side.city ?? null, phone: side.phone ?? null };
}

function namesake(record: PlannedRecord, client: LinkableClient, detail: string, takenApart: string | null): Namesake {
  const kind = differingNumber(client, record);
  if (kind === null) return { id: client.id, name: client.name, detail, differs: null, takenApart };
  if (kind === 'business_number') {
    return { id: client.id, name: client.name, detail, differs: { kind, here: (client.businessNumber ?? '').trim(), inApp: (record.businessNumber ?? '').trim() }, takenApart };
  }
  // Both sides carry a readable number when differingNumber names it; endings long enough to differ.
  const [here, inApp] = distinctTaxEndings(client.taxNumber, record.taxNumber);
  return { id: client.id, name: client.name, detail, differs: { kind, here: `ending ${here ?? ''}`, inApp: `ending ${inApp ?? ''}` }, takenApart };
}
