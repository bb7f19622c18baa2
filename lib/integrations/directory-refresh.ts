import 'server-only';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { connectionGrants, connections, practices } from '@/db/schema';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { isProviderError, ProviderError, type ProviderErrorKind } from '@/lib/providers/errors';
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
  /** Records that were read but could not be understood. */
  failed: { externalId?: string; error: string }[];
  /** Grants (XPM practice, Gusto companies) read successfully: 0 means nothing was read. */
  sourcesRead: number;
  /** Gusto companies that could not be read at all, by name. */
  unreadable: { label: string; kind: ProviderErrorKind; error: string; /** The company's uuid (the grant's external id). */ externalId: string }[];
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
    .select({
      id: connectionGrants.id,
      practiceId: connectionGrants.practiceId,
      connectionId: connectionGrants.connectionId,
      externalId: connectionGrants.externalId,
      label: connectionGrants.label,
    })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, practiceId), eq(connectionGrants.connectionId, connectionId), eq(connectionGrants.status, 'connected')));
}

/**
 * No grant can be used. The grant's own reason (e.g. "access was revoked") is kept, so the
 * card's plain-language error is not replaced by a vaguer one on the next refresh.
 */
async function noUsableGrant(practiceId: string, connectionId: string, provider: 'xpm' | 'gusto'): Promise<ProviderError> {
  const db = await getDb();
  const [grant] = await db
    .select({ lastError: connectionGrants.lastError })
    .from(connectionGrants)
    .where(and(eq(connectionGrants.practiceId, practiceId), eq(connectionGrants.connectionId, connectionId), isNotNull(connectionGrants.lastError)))
    .limit(1);
  const fallback =
    provider === 'xpm' ? 'XPM has no working connection to read from. Please reconnect Xero Practice Manager.' : 'No authorised Gusto company can be read. Please reconnect Gusto.';
  return new ProviderError({ kind: 'reauth_required', provider, message: grant?.lastError ?? fallback });
}

/**
 * A directory read through: the refresh time, and on the connection "Last successful contact"
 * with what could not be read (or no error: a stale one would sit in red beside a fresh contact).
 * A sync run reads through these functions too (lib/sync/engine/read-records.ts), not through
 * refreshDirectory, so it is recorded here, or the card's contact lagged its refresh. A
 * connection disconnected meanwhile keeps what it says.
 */
async function recordRead(
  practiceId: string,
  connectionId: string,
  outcome: RefreshOutcome,
  { directoryCursor, someSourcesOnly = false }: { directoryCursor?: string; someSourcesOnly?: boolean } = {},
): Promise<void> {
  const db = await getDb();
  const now = new Date();
  const scope = and(eq(connections.id, connectionId), eq(connections.practiceId, practiceId));
  await db
    .update(connections)
    .set({ directoryRefreshedAt: now, ...(directoryCursor ? { directoryCursor } : {}) })
    .where(scope);
  const problem = summariseProblems(outcome);
  // A read of one Gusto company (a webhook's) cannot clear an error about another.
  const error = problem !== null ? { lastError: problem, lastErrorAt: now } : someSourcesOnly ? {} : { lastError: null };
  await db
    .update(connections)
    .set({ lastSuccessAt: now, ...error })
    .where(and(scope, sql`${connections.status} <> 'disconnected'`));
}

/** `full`: list every client even when a watermark allows an incremental read (the wizard's first sync). */
export async function refreshXpmDirectory(practiceId: string, connectionId: string, { full = false }: { full?: boolean } = {}): Promise<RefreshOutcome> {
  const db = await getDb();
  const [connection] = await db
    .select({ cursor: connections.directoryCursor })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.practiceId, practiceId)));
  const [grant] = await activeGrants(practiceId, connectionId);
  const outcome: RefreshOutcome = { fetched: 0, written: 0, failed: [], sourcesRead: 0, unreadable: [] };
  if (!connection || !grant) {
    // Reading nothing is not a success: say what a person can do about it.
    throw await noUsableGrant(practiceId, connectionId, 'xpm');
  }
  const startedAt = new Date();
  const client = xpmClientFor(grant);
  if (connection.cursor && !full) {
    const since = new Date(new Date(connection.cursor).getTime() - XPM_MODIFIED_SINCE_OVERLAP_MS);
    const results = await client.listClients({ detailed: true, modifiedSince: since });
    outcome.written += await upsertDirectory(db, collect(results, practiceId, grant.id, outcome));
  } else {
    for await (const page of client.allClientPages({ pageSize: 500 })) {
      outcome.written += await upsertDirectory(db, collect(page.results, practiceId, grant.id, outcome));
    }
  }
  outcome.sourcesRead = 1;
  // The watermark only moves after a complete refresh, so a failure half-way re-reads. A full
  // read over an existing watermark leaves it where it was: the full list omits deleted and
  // archived clients, so only the next incremental read from the old watermark learns of those since.
  await recordRead(practiceId, connectionId, outcome, full && connection.cursor ? {} : { directoryCursor: startedAt.toISOString() });
  return outcome;
}

export async function refreshGustoDirectory(practiceId: string, connectionId: string, onlyGrantId?: string): Promise<RefreshOutcome> {
  const db = await getDb();
  const outcome: RefreshOutcome = { fetched: 0, written: 0, failed: [], sourcesRead: 0, unreadable: [] };
  const grants = (await activeGrants(practiceId, connectionId)).filter((g) => !onlyGrantId || g.id === onlyGrantId);
  if (grants.length === 0) {
    throw await noUsableGrant(practiceId, connectionId, 'gusto');
  }
  for (const grant of grants) {
    try {
      const result = await gustoClientFor(grant).getCanonicalCompany();
      const rows = collect([result], practiceId, grant.id, outcome);
      outcome.written += await upsertDirectory(db, rows);
      outcome.sourcesRead += 1;
      if (result.ok) {
        await db
          .update(connectionGrants)
          .set({ label: result.record.name, updatedAt: new Date() })
          .where(and(eq(connectionGrants.id, grant.id), eq(connectionGrants.practiceId, practiceId)));
      }
    } catch (error) {
      // One company failing (e.g. revoked) must not stop the others. Recognised by brand
      // (isProviderError), so it holds whichever bundle's copy made the error.
      if (!isProviderError(error)) throw error;
      outcome.unreadable.push({ label: grant.label, kind: error.kind, error: error.message, externalId: grant.externalId });
    }
  }
  if (outcome.sourcesRead === 0) {
    // Nothing was read: that is a failure, whatever the reasons were.
    const first = outcome.unreadable[0]!;
    const message =
      outcome.unreadable.length === 1
        ? `“${first.label}” could not be read from Gusto: ${first.error}`
        : `None of the ${outcome.unreadable.length} Gusto companies could be read (for example “${first.label}”: ${first.error})`;
    throw new ProviderError({ kind: first.kind, provider: 'gusto', message });
  }
  await recordRead(practiceId, connectionId, outcome, { someSourcesOnly: onlyGrantId !== undefined });
  return outcome;
}

/**
 * Refreshes one connection's directory and records the outcome on the connection. Success
 * ("Last successful contact") is only recorded when something was actually read; a refresh
 * that read nothing throws, with the reason recorded as the connection's last error.
 */
export async function refreshDirectory(practiceId: string, connection: { id: string; app: 'xpm' | 'gusto' }): Promise<RefreshOutcome> {
  const db = await getDb();
  const scope = and(eq(connections.id, connection.id), eq(connections.practiceId, practiceId));
  try {
    // The read records its success and problems on the connection itself (recordRead).
    const outcome = connection.app === 'xpm' ? await refreshXpmDirectory(practiceId, connection.id) : await refreshGustoDirectory(practiceId, connection.id);
    await settleSearchIndexes(db, { directory_records: outcome.written });
    return outcome;
  } catch (raw) {
    const error = isProviderError(raw) ? await withWhenToRetry(practiceId, raw) : raw;
    const message = isProviderError(error) ? error.message : 'The directory could not be refreshed because of an unexpected problem. Try again shortly.';
    if (!isProviderError(error)) console.error('[directory] refresh failed', error);
    await db.update(connections).set({ lastError: message, lastErrorAt: new Date() }).where(scope);
    throw error;
  }
}

/**
 * A limit that retries could not ride out: nothing is scheduled to try again (there is no job
 * runner yet), so say when a person can, as a time in the practice's zone — the message stays
 * true while it sits on the card.
 */
async function withWhenToRetry(practiceId: string, error: ProviderError): Promise<ProviderError> {
  if (error.kind !== 'rate_limited') return error;
  let when = 'Refresh again in a few minutes.';
  if (error.retryAfterMs !== undefined) {
    const db = await getDb();
    const [practice] = await db.select({ timezone: practices.timezone }).from(practices).where(eq(practices.id, practiceId));
    const at = new Date(Date.now() + error.retryAfterMs);
    when = `Refresh again after ${formatPracticeDateTime(at, practice?.timezone ?? 'UTC')}.`;
  }
  return new ProviderError({
    kind: error.kind,
    provider: error.provider,
    status: error.status,
    code: error.code,
    retryAfterMs: error.retryAfterMs,
    message: `${error.message} Nothing retries by itself: ${when}`,
  });
}

function summariseProblems(outcome: RefreshOutcome): string | null {
  const parts: string[] = [];
  if (outcome.unreadable.length > 0) {
    const names = outcome.unreadable.map((u) => `“${u.label}”`).join(', ');
    const first = outcome.unreadable[0]!;
    parts.push(
      outcome.unreadable.length === 1
        ? `${names} could not be read, so its details may be out of date: ${first.error}`
        : `${outcome.unreadable.length} companies could not be read, so their details may be out of date (${names}). For example: ${first.error}`,
    );
  }
  if (outcome.failed.length > 0) {
    const first = outcome.failed[0]?.error ?? '';
    parts.push(outcome.failed.length === 1 ? `One record could not be read: ${first}` : `${outcome.failed.length} records could not be read (for example: ${first})`);
  }
  return parts.length ? parts.join(' ') : null;
}
