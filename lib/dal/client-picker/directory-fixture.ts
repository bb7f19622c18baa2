import { createHash } from 'node:crypto';
import type { Database } from '@/db/open';
import { connections, directoryRecords } from '@/db/schema';
import type { AppId, CanonicalClient } from '@/lib/sync/canonical-client';
export { canonicalRecord } from '@/lib/sync/testing/canonical-record';
import { normalizeName } from '@/lib/sync/matching';

/**
 * Test helpers: directory rows inserted directly, as the directory refresh (issue 3) would
 * write them, so picker behaviour is tested without the sandbox apps.
 */
export async function connectApps(db: Database, practiceId: string, apps: readonly AppId[]) {
  await db
    .insert(connections)
    .values(apps.map((app) => ({ practiceId, app, status: 'connected' as const })))
    .onConflictDoNothing();
}

export async function insertDirectoryRecord(db: Database, practiceId: string, record: CanonicalClient) {
  await db.insert(directoryRecords).values({
    practiceId,
    app: record.app,
    externalId: record.externalId,
    name: record.name,
    normalizedName: normalizeName(record.name),
    email: record.email,
    phone: record.phone,
    city: record.streetAddress?.city ?? null,
    taxNumber: record.taxNumber,
    businessNumber: record.businessNumber,
    archived: record.archived,
    isProspect: record.isProspect,
    payload: record,
    payloadHash: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
  });
}
