import type { FieldChange } from './field-changes';

/**
 * The mass-change guard (issue 12; DESIGN §3 "Nothing is lost"): a scheduled, webhook or manual
 * run that would overwrite more than 20% of the clients it syncs — and at least 10 of them — or
 * blank a field that has a value, stops before applying and waits for an admin. The clients it
 * syncs are those linked now and those it would link by name on the way: a first run that links
 * 57 clients by name and overwrites their values is a mass change too, and its warning must not
 * read "57 of 0 linked clients". Pure: the
 * engine feeds it the run's plan (the same planners as the preview) and acts on the verdict.
 * One guard for both directions: From an app, the values are the clients' here; To XPM, they
 * are XPM's (a push's change is XPM's value before → ours).
 *
 * "Overwrite" means replacing a value that is there; filling an empty field is not one.
 */
export const OVERWRITE_SHARE = 0.2;
export const OVERWRITE_MIN_CLIENTS = 10;

export interface PlannedClientChange {
  fields: readonly FieldChange[];
  /** The run would link this client by name first: it is not among the linked clients yet. */
  newLink?: boolean;
}

export interface GuardFacts {
  /** Active links of the app in this practice. */
  linkedClients: number;
  /** Clients the run would link by name before changing them: with the linked ones, the "of" in "20% of the clients it syncs". */
  newlyLinkedClients: number;
  /** Clients with at least one field whose value would be replaced. */
  overwrittenClients: number;
  /** Fields with a value that would become empty. */
  blankedFields: number;
}

export type GuardVerdict = { kind: 'apply' } | { kind: 'review'; reasons: ('mass_overwrite' | 'blanks_values')[]; facts: GuardFacts };

const hasValue = (value: string | null) => value !== null && value.trim() !== '';

/** The guard's facts from a run's planned changes. */
export function guardFacts(linkedClients: number, changes: readonly PlannedClientChange[]): GuardFacts {
  let overwrittenClients = 0;
  let blankedFields = 0;
  let newlyLinkedClients = 0;
  for (const change of changes) {
    if (change.newLink) newlyLinkedClients += 1;
    if (change.fields.some((f) => hasValue(f.before) && f.after !== f.before)) overwrittenClients += 1;
    blankedFields += change.fields.filter((f) => hasValue(f.before) && !hasValue(f.after)).length;
  }
  return { linkedClients, newlyLinkedClients, overwrittenClients, blankedFields };
}

export function massChangeVerdict(facts: GuardFacts): GuardVerdict {
  const reasons: ('mass_overwrite' | 'blanks_values')[] = [];
  const synced = facts.linkedClients + facts.newlyLinkedClients;
  if (facts.overwrittenClients >= OVERWRITE_MIN_CLIENTS && facts.overwrittenClients > synced * OVERWRITE_SHARE) reasons.push('mass_overwrite');
  if (facts.blankedFields > 0) reasons.push('blanks_values');
  return reasons.length === 0 ? { kind: 'apply' } : { kind: 'review', reasons, facts };
}

/**
 * The warning a preview shows (and a paused run explains itself with), in words. `sentTo`
 * names the app a push would change (To XPM: the values overwritten or emptied are XPM's).
 */
export function guardWarning(verdict: GuardVerdict, options: { sentTo?: string | null } = {}): string | null {
  if (verdict.kind === 'apply') return null;
  const { facts } = verdict;
  const where = options.sentTo ? ` in ${options.sentTo}` : '';
  const parts: string[] = [];
  if (verdict.reasons.includes('mass_overwrite')) parts.push(`it would overwrite values of ${overwrittenShare(facts, where)}`);
  if (verdict.reasons.includes('blanks_values'))
    parts.push(`it would empty ${facts.blankedFields === 1 ? '1 field that has' : `${facts.blankedFields} fields that have`} a value${where}`);
  return `This sync needs a second look: ${parts.join(', and ')}.`;
}

/**
 * "12 of 40 linked clients (30%)"; with clients the run would link by name, "58 of 59 clients
 * (98%): 1 linked and 58 it would link by name", or "57 of the 57 clients it would link by
 * name (100%)" when none is linked yet: the share is of the clients the run syncs, not of the
 * linked ones alone (it read "58 of 1 linked clients (5800%)"). `where` (" in XPM") is a
 * push's, which links none.
 */
function overwrittenShare({ overwrittenClients, linkedClients, newlyLinkedClients }: GuardFacts, where: string): string {
  const synced = linkedClients + newlyLinkedClients;
  const share = `${synced > 0 ? Math.round((overwrittenClients / synced) * 100) : 100}%`;
  if (newlyLinkedClients === 0) return `${overwrittenClients} of ${linkedClients} linked clients${where} (${share})`;
  if (linkedClients === 0) return `${overwrittenClients} of the ${newlyLinkedClients} clients it would link by name (${share})`;
  return `${overwrittenClients} of ${synced} clients (${share}): ${linkedClients} linked and ${newlyLinkedClients} it would link by name`;
}
