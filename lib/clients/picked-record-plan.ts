import { formatPracticeDateTime } from '@/lib/practice-time';
import { differingNumber, findAutoLinkTarget, type DifferingNumber } from '@/lib/sync/matching';
import { namesakeDetails } from '@/lib/sync/runs/namesake-details';
import { distinctTaxEndings } from './tax-number';

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
 */
export interface PlannedRecord {
  name: string;
  taxNumber: string | null;
  businessNumber: string | null;
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
}

export type PickedRecordPlan =
  | { kind: 'link_existing'; client: { id: string; name: string } }
  /** Several namesakes, or one whose number differs: the author says which, or (`canCreate`) none. */
  | { kind: 'choose'; clients: Namesake[]; canCreate: boolean }
  | { kind: 'create'; name: string };

/** `timezone`: the practice's, for "added 3 Dec 2026, 4:31 pm AEDT". */
export function planPickedRecord(record: PlannedRecord, linkable: readonly LinkableClient[], timezone: string): PickedRecordPlan {
  const target = findAutoLinkTarget(record, linkable);
  if (target.kind === 'none') return { kind: 'create', name: record.name };
  const clients = target.kind === 'unique' ? [target.record] : target.records;
  const details = namesakeDetails(clients.map((c) => ({ email: c.email, city: c.city, phone: c.phone, added: `added ${formatPracticeDateTime(c.createdAt, timezone)}` })));
  const namesakes = clients.map((client, i) => namesake(record, client, details[i]!));
  const [only] = namesakes;
  if (only && namesakes.length === 1 && only.differs === null) return { kind: 'link_existing', client: { id: only.id, name: only.name } };
  return { kind: 'choose', clients: namesakes, canCreate: namesakes.every((n) => n.differs !== null) };
}

/**
 * Whether the author may create a new client from the record although clients here share its
 * name: only when a number proves each of them another business. The save checks this again,
 * whatever the browser sent.
 */
export function mayCreateBesideNamesakes(plan: PickedRecordPlan): boolean {
  return plan.kind === 'create' || (plan.kind === 'choose' && plan.canCreate);
}

function namesake(record: PlannedRecord, client: LinkableClient, detail: string): Namesake {
  const kind = differingNumber(client, record);
  if (kind === null) return { id: client.id, name: client.name, detail, differs: null };
  if (kind === 'business_number') {
    return { id: client.id, name: client.name, detail, differs: { kind, here: (client.businessNumber ?? '').trim(), inApp: (record.businessNumber ?? '').trim() } };
  }
  // Both sides carry a readable number when differingNumber names it; endings long enough to differ.
  const [here, inApp] = distinctTaxEndings(client.taxNumber, record.taxNumber);
  return { id: client.id, name: client.name, detail, differs: { kind, here: `ending ${here ?? ''}`, inApp: `ending ${inApp ?? ''}` } };
}
