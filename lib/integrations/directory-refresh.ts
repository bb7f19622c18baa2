import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, connections } from '@/db/schema';
import { isProviderError } from '@/lib/providers/errors';
import type { MapResult } from '@/lib/providers/mapping';
import { directoryRow, upsertDirectory } from './directory-upsert';
import { gustoClientFor, xpmClientFor } from './grant-clients';
import { settleSearchIndexes } from './search-index-upkeep';

/**
 * Keeps each connection's directory (the local mirror the picker searches) fresh, whatever
 * the sync settings. XPM: a full paged list the first time, then `modifiedsince` with an
 * overlap window (XPM has no webhooks, and clocks differ). Gusto: each authorised company.
 */
export const XPM_MODIFIED_SINCE_OVERLAP_MS = 10 * 60_000;

export interface RefreshOutcome {
  fetched: number;
  written: number;
  failed: { externalId?: string; error: string }[];
}

function collect(results: MapResult[], practiceId: string, grantId: string, outcome: RefreshOutcome) {
  const rows = [];
  for (const result of results) {
    outcome.fetched += 1;
    if (result.ok) rows.push(directoryRow(practiceId, grantId, result.record));
    else outcome.failed.push({ externalId: result.externalId, error: result.error });
  }
  return rows;
}

async function activeGrants(practiceId: string, connectionId: string) {
  const db = await getDb();
  return db
    .select({ id: connectionGrants.id, practiceId: connectionGrants.practiceId, connectionId: connectionGrants.connectionId, externalId: connectionGrants.externalId })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, practiceId), eq(connectionGrants.connectionId, connectionId), eq(connectionGrants.status, 'connected')));
}

export async function refreshXpmDirectory(practiceId: string, connectionId: string): Promise<RefreshOutcome> {
  const db = await getDb();
  const [connection] = await db
    .select({ cursor: connections.directoryCursor })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.practiceId, practiceId)));
  const [grant] = await activeGrants(practiceId, connectionId);
  const outcome: RefreshOutcome = { fetched: 0, written: 0, failed: [] };
  if (!connection || !grant) return outcome;
  const startedAt = new Date();
  const client = xpmClientFor(grant);
  if (connection.cursor) {
    const since = new Date(new Date(connection.cursor).getTime() - XPM_MODIFIED_SINCE_OVERLAP_MS);
    const results = await client.listClients({ detailed: true, modifiedSince: since });
    outcome.written += await upsertDirectory(db, collect(results, practiceId, grant.id, outcome));
  } else {
    for await (const page of client.allClientPages({ pageSize: 500 })) {
      outcome.written += await upsertDirectory(db, collect(page.results, practiceId, grant.id, outcome));
    }
  }
  // The watermark only moves after a complete refresh, so a failure half-way re-reads.
  await db
    .update(connections)
    .set({ directoryCursor: startedAt.toISOString(), directoryRefreshedAt: new Date() })
    .where(and(eq(connections.id, connectionId), eq(connections.practiceId, practiceId)));
  return outcome;
}

export async function refreshGustoDirectory(practiceId: string, connectionId: string, onlyGrantId?: string): Promise<RefreshOutcome> {
  const db = await getDb();
  const outcome: RefreshOutcome = { fetched: 0, written: 0, failed: [] };
  const grants = (await activeGrants(practiceId, connectionId)).filter((g) => !onlyGrantId || g.id === onlyGrantId);
  for (const grant of grants) {
    try {
      const result = await gustoClientFor(grant).getCanonicalCompany();
      const rows = collect([result], practiceId, grant.id, outcome);
      outcome.written += await upsertDirectory(db, rows);
      if (result.ok) {
        await db
          .update(connectionGrants)
          .set({ label: result.record.name, updatedAt: new Date() })
          .where(and(eq(connectionGrants.id, grant.id), eq(connectionGrants.practiceId, practiceId)));
      }
    } catch (error) {
      // One company failing (e.g. revoked) must not stop the others.
      if (!isProviderError(error)) throw error;
      outcome.failed.push({ externalId: grant.externalId, error: error.message });
    }
  }
  await db
    .update(connections)
    .set({ directoryRefreshedAt: new Date() })
    .where(and(eq(connections.id, connectionId), eq(connections.practiceId, practiceId)));
  return outcome;
}

/** Refreshes one connection's directory and records the outcome on the connection. */
export async function refreshDirectory(practiceId: string, connection: { id: string; app: 'xpm' | 'gusto' }): Promise<RefreshOutcome> {
  const db = await getDb();
  const scope = and(eq(connections.id, connection.id), eq(connections.practiceId, practiceId));
  try {
    const outcome =
      connection.app === 'xpm' ? await refreshXpmDirectory(practiceId, connection.id) : await refreshGustoDirectory(practiceId, connection.id);
    await db
      .update(connections)
      .set({
        lastSuccessAt: new Date(),
        ...(outcome.failed.length === 0 ? { lastError: null } : { lastError: summariseFailures(outcome), lastErrorAt: new Date() }),
      })
      .where(and(scope, sql`${connections.status} <> 'disconnected'`));
    await settleSearchIndexes(db, { directory_records: outcome.written });
    return outcome;
  } catch (error) {
    const message = isProviderError(error) ? error.message : 'The directory could not be refreshed because of an unexpected problem. Try again shortly.';
    if (!isProviderError(error)) console.error('[directory] refresh failed', error);
    await db.update(connections).set({ lastError: message, lastErrorAt: new Date() }).where(scope);
    throw error;
  }
}

function summariseFailures(outcome: RefreshOutcome): string {
  const first = outcome.failed[0]?.error ?? '';
  return outcome.failed.length === 1
    ? `One record could not be read: ${first}`
    : `${outcome.failed.length} records could not be read (for example: ${first})`;
}
