import { normalizeName } from '@/lib/sync/matching';
import type { RunSkipReason } from '@/lib/sync/runs/skip-reason-values';

export interface SkippedRecord {
  externalId: string;
  reason: RunSkipReason;
}

export interface AutoLinkDecisions {
  links: { externalId: string; clientId: string }[];
  /** Said on the run page: several clients here have the name (checked first), or several records. */
  skipped: SkippedRecord[];
  /** Records no client has the name of: they stay in the picker, or a run that imports creates their client. */
  unmatched: string[];
}

/**
 * Which unlinked app records link themselves to a client (DESIGN §3 Matching): exactly one
 * unlinked active client has the record's normalised name, and no other unlinked record of
 * the app has it too. Several clients, or several records, with that name: skipped — a person
 * chooses in the picker. No client with that name: nothing (the record stays in the picker).
 */
export function decideAutoLinks(records: readonly { externalId: string; normalizedName: string }[], clients: readonly { id: string; name: string }[]): AutoLinkDecisions {
  const clientsByName = new Map<string, string[]>();
  for (const client of clients) {
    const key = normalizeName(client.name);
    if (key === '') continue; // a name of punctuation only names nobody
    clientsByName.set(key, [...(clientsByName.get(key) ?? []), client.id]);
  }
  const recordsByName = new Map<string, number>();
  for (const record of records) recordsByName.set(record.normalizedName, (recordsByName.get(record.normalizedName) ?? 0) + 1);

  const decisions: AutoLinkDecisions = { links: [], skipped: [], unmatched: [] };
  for (const record of records) {
    const matches = clientsByName.get(record.normalizedName);
    if (!matches) {
      decisions.unmatched.push(record.externalId);
      continue;
    }
    if (matches.length > 1) decisions.skipped.push({ externalId: record.externalId, reason: 'several_clients' });
    else if (recordsByName.get(record.normalizedName)! > 1) decisions.skipped.push({ externalId: record.externalId, reason: 'several_records' });
    else decisions.links.push({ externalId: record.externalId, clientId: matches[0]! });
  }
  return decisions;
}
