import type { FieldChange } from './field-changes';

/**
 * The mass-change guard (issue 12; DESIGN §3 "Nothing is lost"): a scheduled, webhook or manual
 * run that would overwrite more than 20% of the linked clients — and at least 10 of them — or
 * blank a field that has a value, stops before applying and waits for an admin. Pure: the
 * engine feeds it the run's plan (the same planners as the preview) and acts on the verdict.
 * One guard for both directions: From an app, the values are the clients' here; To XPM, they
 * are XPM's (a push's change is XPM's value before → ours).
 *
 * A run can also link clients by name on the way and overwrite their values: a first run that
 * links 57 clients and overwrites them all is a mass change too. So the share is judged twice:
 * among the clients linked now (as before), and among all the clients the run syncs (linked now
 * or by name). Either over 20% stops the run, and the warning names the one that did — never
 * "57 of 0 linked clients". One change from before: a run's overwrites of clients it links by
 * name no longer count against the linked clients alone.
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
  /** Clients the run would link by name before changing them. */
  newlyLinkedClients: number;
  /** Clients with at least one field whose value would be replaced: linked ones and newly linked ones. */
  overwrittenClients: number;
  /** Of those, the ones the run would link by name. */
  overwrittenNewlyLinked: number;
  /** Fields with a value that would become empty. */
  blankedFields: number;
}

export type GuardVerdict = { kind: 'apply' } | { kind: 'review'; reasons: ('mass_overwrite' | 'blanks_values')[]; facts: GuardFacts };

const hasValue = (value: string | null) => value !== null && value.trim() !== '';

/** The guard's facts from a run's planned changes. */
export function guardFacts(linkedClients: number, changes: readonly PlannedClientChange[]): GuardFacts {
  let overwrittenClients = 0;
  let overwrittenNewlyLinked = 0;
  let blankedFields = 0;
  let newlyLinkedClients = 0;
  for (const change of changes) {
    if (change.newLink) newlyLinkedClients += 1;
    if (change.fields.some((f) => hasValue(f.before) && f.after !== f.before)) {
      overwrittenClients += 1;
      if (change.newLink) overwrittenNewlyLinked += 1;
    }
    blankedFields += change.fields.filter((f) => hasValue(f.before) && !hasValue(f.after)).length;
  }
  return { linkedClients, newlyLinkedClients, overwrittenClients, overwrittenNewlyLinked, blankedFields };
}

/** More than 20% of `of`, and at least 10 clients. */
const tooMany = (overwritten: number, of: number) => overwritten >= OVERWRITE_MIN_CLIENTS && overwritten > of * OVERWRITE_SHARE;
/** Too many of the clients linked now: the first judgement, and the one the warning names first. */
const tooManyLinked = (facts: GuardFacts) => tooMany(facts.overwrittenClients - facts.overwrittenNewlyLinked, facts.linkedClients);

export function massChangeVerdict(facts: GuardFacts): GuardVerdict {
  const reasons: ('mass_overwrite' | 'blanks_values')[] = [];
  if (tooManyLinked(facts) || tooMany(facts.overwrittenClients, facts.linkedClients + facts.newlyLinkedClients)) reasons.push('mass_overwrite');
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

const percent = (part: number, whole: number) => `${whole > 0 ? Math.round((part / whole) * 100) : 100}%`;

/**
 * The share that stopped the run, in words. Among the linked clients: "25 of 100 linked
 * clients (25%)", with ", and 6 of the 40 clients it would link by name" when it would
 * overwrite some of those too. Among all it syncs: "58 of 58 clients (100%): 1 linked and 57
 * it would link by name", or "57 of the 57 clients it would link by name (100%)" when none is
 * linked yet. `where` (" in XPM") is a push's, which links none.
 */
function overwrittenShare(facts: GuardFacts, where: string): string {
  const { overwrittenClients, overwrittenNewlyLinked, linkedClients, newlyLinkedClients } = facts;
  const overwrittenLinked = overwrittenClients - overwrittenNewlyLinked;
  const byName = (count: number) => `${count} of the ${newlyLinkedClients} clients it would link by name`;
  if (newlyLinkedClients === 0 || tooManyLinked(facts)) {
    const linked = `${overwrittenLinked} of ${linkedClients} linked clients${where} (${percent(overwrittenLinked, linkedClients)})`;
    return overwrittenNewlyLinked > 0 ? `${linked}, and ${byName(overwrittenNewlyLinked)}` : linked;
  }
  if (linkedClients === 0) return `${byName(overwrittenClients)} (${percent(overwrittenClients, newlyLinkedClients)})`;
  const synced = linkedClients + newlyLinkedClients;
  return `${overwrittenClients} of ${synced} clients (${percent(overwrittenClients, synced)}): ${linkedClients} linked and ${newlyLinkedClients} it would link by name`;
}
