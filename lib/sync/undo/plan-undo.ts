import type { ClientColumns, ContactColumns } from '../mapping/client-from-canonical';
import { normalizeTaxNumber, taxNumbersMatch } from '../matching';
import { equivalentValues } from '../plan/equivalent-values';
import type { ClientField } from '../plan/field-changes';

/**
 * "Undo this run" as data (docs/sync-engine.md "Undo a run"): from what a run recorded
 * (sync_run_changes: each field's before → after, contacts, what it did to the link) and
 * what is there now, decide per client and per field what the undo puts back. Pure, so the
 * preview and the apply share it and it is tested as a table.
 *
 * - A field whose current value is still the run's `after` is restored to the `before`.
 * - A field changed again since the run (current ≠ after) is *changed since*: listed, and
 *   left alone unless the admin ticked it. Already back at `before`: nothing to do.
 * - "Now" is the client here for a From-app run, and the app's record (the directory) for a
 *   To-app run, whose changes are what it sent: the undo sends the `before`s back.
 * - Links the run made (`linked`, `created`) are removed; a client the run created is kept,
 *   never deleted (DESIGN §3): its fields are its first values, so none is "restored".
 *   Links an undo removed (`unlinked`) are made again, when nobody took either side meanwhile.
 * - Link states the run recorded (`link_archived`, `link_deleted`, `link_restored`) report
 *   what happened in the app; undoing them here would make the link lie, so they stay.
 * - To an app: XPM shows tax numbers masked, so a masked `before` cannot be sent back, and
 *   contacts are never restored there (a push never deletes XPM's contacts; see the docs).
 */
export type RecordedKind = 'updated' | 'linked' | 'created' | 'link_archived' | 'link_deleted' | 'link_restored' | 'unlinked';

export interface RecordedChange {
  clientId: string;
  externalId: string;
  kind: RecordedKind;
  fields: readonly { field: string; before: string | null; after: string | null }[];
  contacts: { before: ContactColumns[]; after: ContactColumns[] } | null;
}

/** What is there now for one recorded change; null values: the client (or app record) is gone. */
export interface CurrentState {
  /** The values the undo compares with: the client here (From-app run) or the app's record (To-app run). */
  values: ClientColumns | null;
  contacts: ContactColumns[] | null;
  /** Whether the link the run recorded (app, external id → client) exists now. */
  linkExists: boolean;
  /** Whether a link could be made again: neither the external record nor the client is linked in that app now. */
  linkFree: boolean;
}

export type FieldDecision =
  /** Still the run's value: restored. */
  | 'restore'
  /** Changed again since the run: left alone unless ticked. */
  | 'changed_since'
  /** Already the value before the run: nothing to do. */
  | 'already'
  /** The value before cannot be put back (a masked tax number, or a client the run created). */
  | 'not_restorable';

export interface UndoFieldPlan {
  field: ClientField;
  current: string | null;
  /** What the run left (its `after`). */
  runValue: string | null;
  /** What the undo puts back (the run's `before`). */
  restored: string | null;
  decision: FieldDecision;
  /** The admin ticked a changed-since field: it is restored after all. */
  ticked: boolean;
}

export interface UndoContactsPlan {
  current: ContactColumns[];
  restored: ContactColumns[];
  decision: FieldDecision;
  ticked: boolean;
}

export type LinkUndo =
  /** The run linked the record: the link is removed (the client stays). */
  | 'unlink'
  /** An undo removed the link: it is made again. */
  | 'relink'
  /** The link the run made is gone already, or cannot be made again (taken meanwhile). */
  | 'link_unchanged'
  /** The run recorded a link state from the app: it stays as it is. */
  | 'state_kept'
  | null;

export interface UndoClientPlan {
  clientId: string;
  externalId: string;
  kind: RecordedKind;
  /** The client is gone, or (From-app) the app's record is unknown: nothing can be compared. */
  missing: boolean;
  fields: UndoFieldPlan[];
  contacts: UndoContactsPlan | null;
  link: LinkUndo;
  /** The run created this client: it is kept (only its link is removed). */
  createdClientKept: boolean;
}

export interface UndoSettings {
  /** The undone run's direction: From an app (values here) or To it (values in the app). */
  direction: 'from_app' | 'to_app';
  /** Changed-since fields the admin ticked, by `undoKey(clientId, field)`. */
  ticked: ReadonlySet<string>;
}

/** The key of one client's field (or `contacts`) in the preview's checkboxes. */
export const undoKey = (clientId: string, field: string) => `${clientId}:${field}`;

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';

/** Whether two values of a field say the same thing (spellings the sync treats as equal are equal). */
export function sameValue(field: ClientField, a: string | null, b: string | null): boolean {
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (field === 'taxNumber') return taxNumbersMatch(normalizeTaxNumber(a), normalizeTaxNumber(b));
  return equivalentValues(field, a!, b!);
}

const contactKey = (c: ContactColumns) => JSON.stringify([c.name, c.email, c.phone, c.mobile, c.salutation, c.position, c.isPrimary]);
export function sameContacts(a: readonly ContactColumns[], b: readonly ContactColumns[]): boolean {
  return a.length === b.length && a.every((contact, i) => contactKey(contact) === contactKey(b[i]!));
}

const isMasked = (value: string | null) => normalizeTaxNumber(value)?.masked === true;

function decide(same: { asRun: boolean; asBefore: boolean }): FieldDecision {
  if (same.asBefore) return 'already';
  return same.asRun ? 'restore' : 'changed_since';
}

function linkUndo(kind: RecordedKind, current: CurrentState): LinkUndo {
  switch (kind) {
    case 'linked':
    case 'created':
      return current.linkExists ? 'unlink' : 'link_unchanged';
    case 'unlinked':
      return current.linkFree ? 'relink' : 'link_unchanged';
    case 'link_archived':
    case 'link_deleted':
    case 'link_restored':
      return 'state_kept';
    default:
      return null;
  }
}

export function planUndoChange(change: RecordedChange, current: CurrentState, settings: UndoSettings): UndoClientPlan {
  const created = change.kind === 'created';
  const missing = current.values === null;
  const fields: UndoFieldPlan[] = missing
    ? []
    : change.fields.map((recorded) => {
        const field = recorded.field as ClientField;
        const now = current.values![field] ?? null;
        const restoredMasked = settings.direction === 'to_app' && field === 'taxNumber' && isMasked(recorded.before);
        const decision: FieldDecision =
          created || restoredMasked ? 'not_restorable' : decide({ asRun: sameValue(field, now, recorded.after), asBefore: sameValue(field, now, recorded.before) });
        return {
          field,
          current: now,
          runValue: recorded.after,
          restored: recorded.before,
          decision,
          ticked: decision === 'changed_since' && settings.ticked.has(undoKey(change.clientId, field)),
        };
      });
  let contacts: UndoContactsPlan | null = null;
  if (change.contacts && !missing && current.contacts) {
    const decision: FieldDecision =
      created || settings.direction === 'to_app'
        ? 'not_restorable'
        : decide({ asRun: sameContacts(current.contacts, change.contacts.after), asBefore: sameContacts(current.contacts, change.contacts.before) });
    contacts = {
      current: current.contacts,
      restored: change.contacts.before,
      decision,
      ticked: decision === 'changed_since' && settings.ticked.has(undoKey(change.clientId, 'contacts')),
    };
  }
  return {
    clientId: change.clientId,
    externalId: change.externalId,
    kind: change.kind,
    missing,
    fields,
    contacts,
    link: linkUndo(change.kind, current),
    createdClientKept: created,
  };
}

/** Whether the undo writes this field: still the run's value, or changed since and ticked. */
export const restores = (plan: { decision: FieldDecision; ticked: boolean }) => plan.decision === 'restore' || (plan.decision === 'changed_since' && plan.ticked);

/** The fields (and contacts) an undo writes for one client, as before → after of the undo itself. */
export function undoWrites(plan: UndoClientPlan): {
  fields: { field: ClientField; before: string | null; after: string | null }[];
  contacts: { before: ContactColumns[]; after: ContactColumns[] } | null;
} {
  return {
    fields: plan.fields.filter(restores).map((f) => ({ field: f.field, before: f.current, after: f.restored })),
    contacts: plan.contacts && restores(plan.contacts) ? { before: plan.contacts.current, after: plan.contacts.restored } : null,
  };
}

/** Whether the undo does anything for this client (a write, or a link removed or made). */
export function undoesSomething(plan: UndoClientPlan): boolean {
  const writes = undoWrites(plan);
  return writes.fields.length > 0 || writes.contacts !== null || plan.link === 'unlink' || plan.link === 'relink';
}

export interface UndoSummary {
  /** Clients whose values or links the undo changes. */
  clients: number;
  fieldsRestored: number;
  /** Changed-since fields (and contact lists) left alone. */
  leftAlone: number;
  /** Changed-since ones the admin ticked. */
  ticked: number;
  unlinked: number;
  relinked: number;
}

export function summarizeUndo(plans: readonly UndoClientPlan[]): UndoSummary {
  const summary: UndoSummary = { clients: 0, fieldsRestored: 0, leftAlone: 0, ticked: 0, unlinked: 0, relinked: 0 };
  for (const plan of plans) {
    if (undoesSomething(plan)) summary.clients += 1;
    const parts = [...plan.fields, ...(plan.contacts ? [plan.contacts] : [])];
    summary.fieldsRestored += parts.filter(restores).length;
    summary.leftAlone += parts.filter((p) => p.decision === 'changed_since' && !p.ticked).length;
    summary.ticked += parts.filter((p) => p.decision === 'changed_since' && p.ticked).length;
    if (plan.link === 'unlink') summary.unlinked += 1;
    if (plan.link === 'relink') summary.relinked += 1;
  }
  return summary;
}

/** The run counter a client's undo adds to: `updated` (something put back or relinked), `skipped` (only changed-since parts, left alone), else `unchanged`. */
export function undoCounter(plan: UndoClientPlan, did: boolean): 'updated' | 'skipped' | 'unchanged' {
  if (did) return 'updated';
  const parts = [...plan.fields, ...(plan.contacts ? [plan.contacts] : [])];
  return parts.some((p) => p.decision === 'changed_since' && !p.ticked) ? 'skipped' : 'unchanged';
}
