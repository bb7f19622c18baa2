import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, isEmbedded } from '@/db';
import { databaseBusy } from '@/db/busy';
import { directoryRecords } from '@/db/schema';
import { pause, waitForQuietDatabase } from '@/lib/sync/engine/make-way';
import { pauseAfter, paceFor } from '@/lib/sync/engine/pace';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { normalizeName } from '@/lib/sync/matching';

/** A stable hash of a canonical record: unchanged records are not rewritten. */
export function payloadHash(record: CanonicalClient): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

export function directoryRow(practiceId: string, grantId: string | null, record: CanonicalClient) {
  return {
    practiceId,
    app: record.app,
    externalId: record.externalId,
    grantId,
    name: record.name,
    normalizedName: normalizeName(record.name),
    email: record.email ?? record.contacts.find((c) => c.email)?.email ?? null,
    phone: record.phone,
    city: record.streetAddress?.city ?? record.postalAddress?.city ?? null,
    taxNumber: record.taxNumber,
    businessNumber: record.businessNumber,
    archived: record.archived,
    isProspect: record.isProspect,
    payload: record,
    payloadHash: payloadHash(record),
    remoteModifiedAt: record.modifiedAt ? new Date(record.modifiedAt) : null,
    refreshedAt: new Date(),
  };
}

/** More rows per statement than this gain little, and the parameters add up (15 a row). */
const MAX_BATCH = 250;

/**
 * Inserts or updates directory records in batches; a record whose payload hash is unchanged
 * is left alone. Returns how many rows were written.
 *
 * Batches are paced as a sync run's are (lib/sync/engine/pace.ts, make-way.ts): while people
 * use the app, small batches, each after a quiet moment and followed by a pause, so a picker
 * search waits behind one small batch at most instead of a 250-row one (on PGlite a statement
 * holds the one connection; issue 14 requirement 4, `npm run bench` "during a directory refresh").
 */
export async function upsertDirectory(db: Database, rows: ReturnType<typeof directoryRow>[]): Promise<number> {
  let written = 0;
  const kind = isEmbedded(db) ? 'embedded' : 'postgres';
  for (let i = 0; i < rows.length; ) {
    const pace = paceFor(kind);
    // Never before the first batch: a caller inside a transaction (one record) would wait on itself.
    if (i > 0 && pace.quiet) await waitForQuietDatabase({ ...pace.quiet, busy: () => databaseBusy(db) });
    const batch = rows.slice(i, i + Math.min(pace.batchSize, MAX_BATCH));
    const started = performance.now();
    const result = await db
      .insert(directoryRecords)
      .values(batch)
      .onConflictDoUpdate({
        target: [directoryRecords.practiceId, directoryRecords.app, directoryRecords.externalId],
        set: {
          grantId: sql`excluded.grant_id`,
          name: sql`excluded.name`,
          normalizedName: sql`excluded.normalized_name`,
          email: sql`excluded.email`,
          phone: sql`excluded.phone`,
          city: sql`excluded.city`,
          taxNumber: sql`excluded.tax_number`,
          businessNumber: sql`excluded.business_number`,
          archived: sql`excluded.archived`,
          isProspect: sql`excluded.is_prospect`,
          payload: sql`excluded.payload`,
          payloadHash: sql`excluded.payload_hash`,
          remoteModifiedAt: sql`excluded.remote_modified_at`,
          refreshedAt: sql`excluded.refreshed_at`,
        },
        setWhere: sql`${directoryRecords.payloadHash} <> excluded.payload_hash`,
      })
      .returning({ id: directoryRecords.id });
    written += result.length;
    i += batch.length;
    if (i < rows.length) await pause(pauseAfter(performance.now() - started, pace.yieldShare));
  }
  return written;
}
