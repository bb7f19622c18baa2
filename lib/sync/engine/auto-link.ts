import { differingNumber, normalizeName, type NumberedRecord } from '@/lib/sync/matching';
import type { RunSkipReason } from '@/lib/sync/runs/skip-reason-values';

export interface SkippedRecord {
  externalId: string;
  reason: RunSkipReason;
}

export interface AutoLinkDecisions {
  links: { externalId: string; clientId: string }[];
  /**
   * Said on the run page: several clients here have the name (checked first), several records,
   * or the one client's tax or business number differs from the record's.
   */
  skipped: SkippedRecord[];
  /** Records no client has the name of: they stay in the picker, or a run that imports creates their client. */
  unmatched: string[];
}

/**
 * Which unlinked app records link themselves to a client (DESIGN §3 Matching): exactly one
 * unlinked active client has the record's normalised name, and no other unlinked record of
 * the app has it too. Several clients, or several records, with that name: skipped — a person
 * chooses in the picker. No client with that name: nothing (the record stays in the picker).
 *
 * One exception keeps a name from linking two businesses: when the client and the record both
 * carry a tax number, or both a business number, and it differs, the record is skipped
 * (`tax_number_differs` / `business_number_differs`) — never linked, never imported beside its
 * namesake. A person links it from the client's page if the number here was simply wrong.
 *
 * Nor is a pair linked again that was taken apart before (`unlinked_before`): `apart` holds
 * `pairKey(clientId, externalId)` of every pair a person unlinked, relinked away from, or an
 * undo unlinked (the link audit). Otherwise the next run re-made, by name, each link an undo of
 * an import had removed (a new user's trial: 2,196 of them), and an admin's Unlink lasted until
 * the next sync.
 */
export function decideAutoLinks(
  records: readonly ({ externalId: string; normalizedName: string } & NumberedRecord)[],
  clients: readonly ({ id: string; name: string } & NumberedRecord)[],
  apart: ReadonlySet<string> = new Set(),
): AutoLinkDecisions {
  const clientsByName = new Map<string, (typeof clients)[number][]>();
  for (const client of clients) {
    const key = normalizeName(client.name);
    if (key === '') continue; // a name of punctuation only names nobody
    clientsByName.set(key, [...(clientsByName.get(key) ?? []), client]);
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
    else {
      const client = matches[0]!;
      const differing = differingNumber(client, record);
      if (apart.has(pairKey(client.id, record.externalId))) decisions.skipped.push({ externalId: record.externalId, reason: 'unlinked_before' });
      else if (differing) decisions.skipped.push({ externalId: record.externalId, reason: differing === 'tax_number' ? 'tax_number_differs' : 'business_number_differs' });
      else decisions.links.push({ externalId: record.externalId, clientId: client.id });
    }
  }
  return decisions;
}

/** A client and an app record, as `decideAutoLinks`' `apart` holds them. */
export function pairKey(clientId: string, externalId: string): string {
  return `${clientId}\u0000${externalId}`;
}
