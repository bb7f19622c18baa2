import type { CanonicalClient } from '../canonical-client';
import { type ClientColumns, clientFromCanonical, type ContactColumns } from '../mapping/client-from-canonical';
import { normalizeTaxNumber, taxNumbersMatch } from '../matching';
import { equivalentValues } from './equivalent-values';
import type { SyncData, SyncDirection } from '../rules/types';

/**
 * What one sync would change for one linked record, as data: field by field, before →
 * after, decided purely from the client here, the app's record and the connection's
 * settings (DESIGN §3 "Sync data", "Directions"). The engine applies these in batches and
 * records each as provenance; a preview shows them; an empty plan writes nothing.
 *
 * The rules that keep a sync from losing anything:
 * - An app that has no value for a field (null) never clears ours: Gusto has no website
 *   and no company email, and "absent" must not erase what the practice typed.
 * - A masked tax number (XPM shows only the last digits) is never a value to copy in.
 *   Out, ours is sent only when it cannot be the number XPM holds (its ending differs).
 * - Contacts are compared as a list; an app with no contacts leaves ours alone.
 * - `client_name` moves the name only; `nothing` moves nothing (links and the directory stay).
 */
export type ClientField = keyof ClientColumns;

export interface FieldChange {
  field: ClientField;
  before: string | null;
  after: string | null;
}

export interface ContactsChange {
  before: ContactColumns[];
  after: ContactColumns[];
}

export interface RecordPlan {
  /** Which way the values move: into the client here, or out to the app's record. */
  direction: SyncDirection;
  fields: FieldChange[];
  contacts: ContactsChange | null;
}

/** The client here, as the planner compares it. */
export interface LocalClient {
  client: ClientColumns;
  contacts: ContactColumns[];
}

export function isEmptyPlan(plan: RecordPlan): boolean {
  return plan.fields.length === 0 && plan.contacts === null;
}

function fieldsInScope(syncData: SyncData): readonly ClientField[] | 'all' | 'none' {
  if (syncData === 'nothing') return 'none';
  if (syncData === 'client_name') return ['name'];
  return 'all';
}

const blankToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value);

function contactKey(contact: ContactColumns): string {
  return JSON.stringify([contact.name, contact.email, contact.phone, contact.mobile, contact.salutation, contact.position, contact.isPrimary]);
}

function sameContacts(a: readonly ContactColumns[], b: readonly ContactColumns[]): boolean {
  return a.length === b.length && a.every((contact, i) => contactKey(contact) === contactKey(b[i]!));
}

/**
 * One record's plan: `from_app` moves the app's values into the client; `to_app` moves the
 * client's values out to the app's record (the adapter then reads, merges and sends the
 * whole record, as XPM requires).
 */
export function planRecord(local: LocalClient, record: CanonicalClient, settings: { syncData: SyncData; direction: SyncDirection }): RecordPlan {
  const { direction } = settings;
  const scope = fieldsInScope(settings.syncData);
  if (scope === 'none') return { direction, fields: [], contacts: null };

  const app = clientFromCanonical(record);
  const [source, target] = direction === 'from_app' ? [app, local] : [local, app];
  const fields = (scope === 'all' ? (Object.keys(app.client) as ClientField[]) : scope).filter(
    (field) => !(field === 'taxNumber' && record.taxNumberMasked && !maskedTaxNumberDiffers(local, record, direction)),
  );

  const changes: FieldChange[] = [];
  for (const field of fields) {
    const after = blankToNull(source.client[field]);
    // Out to an app that masks: what it holds is the masked form, the only "before" we know.
    const before = field === 'taxNumber' && record.taxNumberMasked ? record.taxNumber : blankToNull(target.client[field]);
    if (after === null || after === before) continue; // no value never clears one
    if (before !== null && equivalentValues(field, before, after)) continue; // another spelling is no change
    changes.push({ field, before, after });
  }

  let contacts: ContactsChange | null = null;
  if (scope === 'all' && source.contacts.length > 0 && !sameContacts(source.contacts, target.contacts)) {
    contacts = { before: target.contacts, after: source.contacts };
  }
  return { direction, fields: changes, contacts };
}

/** Whether our tax number must be sent to an app that shows only its masked ending. */
function maskedTaxNumberDiffers(local: LocalClient, record: CanonicalClient, direction: SyncDirection): boolean {
  if (direction === 'from_app') return false; // the masked form is never copied in
  const ours = normalizeTaxNumber(local.client.taxNumber);
  return ours !== null && !taxNumbersMatch(ours, normalizeTaxNumber(record.taxNumber));
}
