import type { FieldChange } from './field-changes';

/**
 * The mass-change guard (issue 12; DESIGN §3 "Nothing is lost"): a scheduled, webhook or manual
 * run that would overwrite more than 20% of the linked clients — and at least 10 of them — or
 * blank a field that has a value, stops before applying and waits for an admin. Pure: the
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
}

export interface GuardFacts {
  /** Active links of the app in this practice: the "of" in "20% of linked clients". */
  linkedClients: number;
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
  for (const change of changes) {
    if (change.fields.some((f) => hasValue(f.before) && f.after !== f.before)) overwrittenClients += 1;
    blankedFields += change.fields.filter((f) => hasValue(f.before) && !hasValue(f.after)).length;
  }
  return { linkedClients, overwrittenClients, blankedFields };
}

export function massChangeVerdict(facts: GuardFacts): GuardVerdict {
  const reasons: ('mass_overwrite' | 'blanks_values')[] = [];
  if (facts.overwrittenClients >= OVERWRITE_MIN_CLIENTS && facts.overwrittenClients > facts.linkedClients * OVERWRITE_SHARE) reasons.push('mass_overwrite');
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
  if (verdict.reasons.includes('mass_overwrite')) {
    const share = facts.linkedClients > 0 ? Math.round((facts.overwrittenClients / facts.linkedClients) * 100) : 100;
    parts.push(`it would overwrite values of ${facts.overwrittenClients} of ${facts.linkedClients} linked clients${where} (${share}%)`);
  }
  if (verdict.reasons.includes('blanks_values'))
    parts.push(`it would empty ${facts.blankedFields === 1 ? '1 field that has' : `${facts.blankedFields} fields that have`} a value${where}`);
  return `This sync needs a second look: ${parts.join(', and ')}.`;
}
