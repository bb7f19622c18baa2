import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, connections, directoryRecords } from '@/db/schema';
import type { RunErrorInput } from '@/lib/commands/sync-runs';
import { refreshGustoDirectory, refreshXpmDirectory, type RefreshOutcome } from '@/lib/integrations/directory-refresh';
import { directoryRow, upsertDirectory } from '@/lib/integrations/directory-upsert';
import { xpmClientFor } from '@/lib/integrations/grant-clients';
import { settleSearchIndexes } from '@/lib/integrations/search-index-upkeep';
import { isProviderError, ProviderError } from '@/lib/providers/errors';
import type { MapResult } from '@/lib/providers/mapping';
import { readsXpmInFull } from '@/lib/sync/runs/read-scope';

/**
 * Step 2 of a run (docs/sync-engine.md): bring the directory up to date from the app, over
 * the network and outside any transaction. The directory refresh does the reading (the same
 * code as "Refresh now"); a run scoped to some records (a webhook's company, a retry) reads
 * only those. What could not be read becomes the run's errors; reading nothing at all throws.
 */
export interface RunRead {
  fetched: number;
  errors: RunErrorInput[];
}

interface RunScope {
  practiceId: string;
  app: 'xpm' | 'gusto';
  direction?: 'from_app' | 'to_app';
  trigger?: string;
  onlyExternalIds: string[] | null;
}

export async function readRecords(run: RunScope): Promise<RunRead> {
  const db = await getDb();
  const [connection] = await db
    .select({ id: connections.id, status: connections.status })
    .from(connections)
    .where(and(eq(connections.practiceId, run.practiceId), eq(connections.app, run.app)));
  if (!connection || connection.status === 'disconnected') {
    throw new ProviderError({ kind: 'reauth_required', provider: run.app, message: `${run.app === 'xpm' ? 'XPM' : 'Gusto'} is not connected, so nothing could be read.` });
  }
  // A To-XPM run reads only to plan against XPM's latest values: the incremental list (usually
  // one call) whatever its scope. An edit's push is scoped to its one client, and reading that
  // record on its own would fail the run's read, not its send, when XPM refuses the record.
  const readOneByOne = run.direction !== 'to_app' && run.onlyExternalIds !== null && run.onlyExternalIds.length <= XPM_GET_ONE_LIMIT;
  const outcome =
    run.app === 'xpm'
      ? readOneByOne && run.onlyExternalIds
        ? await readXpmRecords(run.practiceId, connection.id, run.onlyExternalIds)
        : await refreshXpmDirectory(run.practiceId, connection.id, { full: readsXpmInFull(run) })
      : run.onlyExternalIds
        ? await readGustoCompanies(run.practiceId, connection.id, run.onlyExternalIds)
        : await refreshGustoDirectory(run.practiceId, connection.id);
  await settleSearchIndexes(db, { directory_records: outcome.written });
  return { fetched: outcome.fetched, errors: await outcomeErrors(run, outcome) };
}

/**
 * Up to this many XPM clients are re-read one by one (XPM allows 60 calls a minute); more
 * are re-read through the incremental list, and the run still applies only them.
 */
export const XPM_GET_ONE_LIMIT = 20;

/** A retry of some XPM clients: each is read again on its own (XPM's get-one call). */
async function readXpmRecords(practiceId: string, connectionId: string, externalIds: string[]): Promise<RefreshOutcome> {
  const db = await getDb();
  const [grant] = await db
    .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, practiceId), eq(connectionGrants.connectionId, connectionId), eq(connectionGrants.status, 'connected')));
  if (!grant) throw new ProviderError({ kind: 'reauth_required', provider: 'xpm', message: 'XPM has no working connection to read from. Please reconnect Xero Practice Manager.' });
  const client = xpmClientFor(grant);
  const outcome: RefreshOutcome = { fetched: 0, written: 0, failed: [], sourcesRead: 0, unreadable: [] };
  const rows = [];
  for (const externalId of externalIds) {
    let result: MapResult;
    try {
      result = await client.getClient(externalId);
    } catch (error) {
      if (!isProviderError(error)) throw error;
      // A limit or an outage stops the read: nothing read yet means the run fails as a whole.
      if (error.kind !== 'not_found') {
        if (outcome.sourcesRead === 0) throw error;
        outcome.failed.push({ externalId, error: error.message });
        continue;
      }
      result = { ok: false, externalId, error: error.message };
    }
    outcome.fetched += 1;
    outcome.sourcesRead = 1;
    if (result.ok) rows.push(directoryRow(practiceId, grant.id, result.record));
    else outcome.failed.push({ externalId: result.externalId ?? externalId, error: result.error });
  }
  outcome.written = await upsertDirectory(db, rows);
  return outcome;
}

/** A webhook's or a retry's Gusto companies: only their grants are read. */
async function readGustoCompanies(practiceId: string, connectionId: string, companyUuids: string[]): Promise<RefreshOutcome> {
  const db = await getDb();
  const grants = await db
    .select({ id: connectionGrants.id, externalId: connectionGrants.externalId, label: connectionGrants.label })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, practiceId), eq(connectionGrants.connectionId, connectionId), inArray(connectionGrants.externalId, companyUuids)));
  const outcome: RefreshOutcome = { fetched: 0, written: 0, failed: [], sourcesRead: 0, unreadable: [] };
  const authorised = new Set(grants.map((g) => g.externalId));
  for (const uuid of companyUuids) {
    if (!authorised.has(uuid)) outcome.failed.push({ externalId: uuid, error: 'This Gusto company is no longer authorised for the practice. Reconnect it in Gusto to sync it.' });
  }
  for (const grant of grants) {
    try {
      const one = await refreshGustoDirectory(practiceId, connectionId, grant.id);
      outcome.fetched += one.fetched;
      outcome.written += one.written;
      outcome.sourcesRead += one.sourcesRead;
      outcome.failed.push(...one.failed);
      outcome.unreadable.push(...one.unreadable);
    } catch (error) {
      if (!isProviderError(error)) throw error;
      outcome.unreadable.push({ label: grant.label, kind: error.kind, error: error.message, externalId: grant.externalId });
    }
  }
  if (outcome.sourcesRead === 0) {
    const first = outcome.unreadable[0];
    throw new ProviderError({
      kind: first?.kind ?? 'reauth_required',
      provider: 'gusto',
      message: first ? `“${first.label}” could not be read from Gusto: ${first.error}` : 'None of these Gusto companies is authorised for the practice any more.',
    });
  }
  return outcome;
}

/** Unreadable companies and unmappable records as run errors, named as the directory last knew them. */
async function outcomeErrors(run: RunScope, outcome: RefreshOutcome): Promise<RunErrorInput[]> {
  const ids = outcome.failed.flatMap((f) => (f.externalId ? [f.externalId] : []));
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const db = await getDb();
    const rows = await db
      .select({ externalId: directoryRecords.externalId, name: directoryRecords.name })
      .from(directoryRecords)
      .where(and(eq(directoryRecords.practiceId, run.practiceId), eq(directoryRecords.app, run.app), inArray(directoryRecords.externalId, ids)));
    for (const row of rows) names.set(row.externalId, row.name);
  }
  return [
    ...outcome.unreadable.map((u) => ({
      externalId: u.externalId,
      recordName: u.label,
      message: `“${u.label}” could not be read from Gusto, so its details were not synced: ${u.error}`,
      detail: `${u.kind}: ${u.error}`,
    })),
    ...outcome.failed.map((f) => ({
      externalId: f.externalId ?? null,
      recordName: f.externalId ? (names.get(f.externalId) ?? null) : null,
      message: f.error,
      detail: f.externalId ? `record ${f.externalId}: ${f.error}` : f.error,
    })),
  ];
}
