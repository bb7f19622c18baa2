import { eq, sql } from 'drizzle-orm';
import type { OpenDatabase } from '@/db/open';
import { DEMO_LOGINS, DEMO_PRACTICE_ID, seedDemo } from '@/db/seed';
import { clientContacts, clientLinks, clients, connections, directoryRecords, syncRuns, users } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { generateClients, type FixtureClient } from '@/lib/fixtures/business-names';
import { directoryRow } from '@/lib/integrations/directory-upsert';
import { settleSearchIndexes } from '@/lib/integrations/search-index-upkeep';
import { connectDirectly } from '@/lib/integrations/testing/direct-connection';
import { settlePlannerStats } from '@/lib/sync/engine/planner-stats';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { clientFromCanonical } from '@/lib/sync/mapping/client-from-canonical';
import { canonicalRecord } from '@/lib/sync/testing/canonical-record';

/**
 * The data for the picker-during-sync benchmark: the demo practice (so the demo author can
 * sign in and search it) connected to the sandbox's XPM, From XPM / Everything, with
 * `records` linked clients whose XPM directory records all changed upstream, and a `queued`
 * run that the server's worker picks up as it starts.
 *
 * The read stage asks the sandbox for clients modified since the connection's watermark
 * (set to now by connectDirectly; sandbox records are a day old), so it fetches nothing and
 * the run is the apply stage over the directory seeded here — what the brief asks to load.
 */
const SEED_CHUNK = 1_000;

/** The last record by external id: the run applies it last, so its new name means "applied". */
export const SENTINEL_BEFORE = 'Zzyzx Sentinel Works';
export const SENTINEL_AFTER = 'Zzyzx Sentinel Works Group';

function externalId(i: number) {
  return `bench-${String(i).padStart(6, '0')}`;
}

/**
 * One record as it was at the last sync ('before') and after an upstream edit ('after'):
 * name, legal name, email, phone, street line and the contact change, as in sync-apply.ts.
 * Names are the demo generator's, so the picker's trigram searches are as selective as real ones.
 */
function record(i: number, fixture: FixtureClient, version: 'before' | 'after', last: boolean): CanonicalClient {
  const after = version === 'after';
  const base = last ? SENTINEL_BEFORE : fixture.name;
  const name = last && after ? SENTINEL_AFTER : `${base}${after ? ' Group' : ''}`;
  return canonicalRecord('xpm', externalId(i), {
    name,
    legalName: `${name} Pty Ltd`,
    email: `client${i}${after ? '.new' : ''}@bench.example`,
    phone: `+61 2 ${after ? '9' : '8'}${String(i).padStart(7, '0')}`,
    streetAddress: { lines: [`${i} ${after ? 'New' : 'Old'} Street`], city: fixture.street?.city ?? 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' },
    businessNumber: `${10_000_000_000 + i}`,
    businessStructure: 'Company',
    contacts: [
      {
        externalId: null,
        name: `Contact ${i}${after ? ' Jr' : ''}`,
        email: `contact${i}@bench.example`,
        phone: null,
        mobile: null,
        salutation: null,
        position: 'Director',
        isPrimary: true,
      },
    ],
  });
}

export interface SeededDuringSync {
  runId: string;
  /** Names the typing users search for (prefixes, words, typos of them). */
  sampleNames: string[];
}

export async function seedDuringSync(open: OpenDatabase, sandboxUrl: string, records: number, log: (line: string) => void): Promise<SeededDuringSync> {
  const { db } = open;
  const started = performance.now();
  await seedDemo(db);
  const practiceId = DEMO_PRACTICE_ID;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGINS.admin.email));
  const { grantId } = await connectDirectly(db, sandboxUrl, { practiceId, admin: { userId: admin!.id } }, 'xpm');
  await db.update(connections).set({ syncData: 'everything', syncDirection: 'from_app' }).where(eq(connections.practiceId, practiceId));

  const fixtures = generateClients(records, 0xd0_57_c0);
  const at = (i: number, version: 'before' | 'after') => record(i, fixtures[i]!, version, i === records - 1);
  for (let start = 0; start < records; start += SEED_CHUNK) {
    const indexes = Array.from({ length: Math.min(SEED_CHUNK, records - start) }, (_, k) => start + k);
    await db.transaction(async (tx) => {
      // Each client holds its record's values and contact, as after an earlier sync.
      const inserted = await tx
        .insert(clients)
        .values(indexes.map((i) => ({ ...clientFromCanonical(at(i, 'before')).client, practiceId })))
        .returning({ id: clients.id, email: clients.email });
      const idByEmail = new Map(inserted.map((c) => [c.email, c.id]));
      const clientId = (i: number) => idByEmail.get(`client${i}@bench.example`)!;
      await tx.insert(clientContacts).values(indexes.flatMap((i) => clientFromCanonical(at(i, 'before')).contacts.map((c) => ({ ...c, practiceId, clientId: clientId(i) }))));
      await tx.insert(directoryRecords).values(indexes.map((i) => directoryRow(practiceId, grantId, at(i, 'before'))));
      await tx.insert(clientLinks).values(indexes.map((i) => ({ practiceId, clientId: clientId(i), app: 'xpm' as const, externalId: externalId(i) })));
    });
  }
  // In step with their records (as a first run would leave them), then every record changes upstream.
  await db.execute(sql`
    update client_links l set last_synced_hash = md5(d.payload_hash || ':everything'), last_synced_at = now()
    from directory_records d
    where d.practice_id = l.practice_id and d.app = l.app and d.external_id = l.external_id and l.practice_id = ${practiceId}`);
  for (let start = 0; start < records; start += SEED_CHUNK) {
    const rows = Array.from({ length: Math.min(SEED_CHUNK, records - start) }, (_, k) => directoryRow(practiceId, grantId, at(start + k, 'after')));
    await db.execute(sql`
      update directory_records d set payload = v.payload, payload_hash = v.payload_hash, name = v.name, normalized_name = v.normalized_name, email = v.email, phone = v.phone
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ external_id: r.externalId, payload: r.payload, payload_hash: r.payloadHash, name: r.name, normalized_name: r.normalizedName, email: r.email, phone: r.phone })))}::jsonb)
        as v(external_id text, payload jsonb, payload_hash text, name text, normalized_name text, email text, phone text)
      where d.practice_id = ${practiceId} and d.app = 'xpm' and d.external_id = v.external_id`);
  }
  await settleSearchIndexes(db, { directory_records: records, clients: records });
  // The links and contacts analysed too, as the run that made them leaves them (lib/sync/engine/execute.ts).
  await settlePlannerStats(db);
  const request = await db.transaction((tx) => requestSyncRun(tx, systemActor(practiceId, 'manual'), { app: 'xpm' }));
  if (request.kind !== 'queued') throw new Error(`could not queue a run: ${request.kind}`);
  // Approved, as after an admin's review: the mass-change guard would otherwise pause this rename of every client.
  await db.update(syncRuns).set({ approvedAt: new Date() }).where(eq(syncRuns.id, request.runId));
  log(
    `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: demo practice + ${records} linked clients whose XPM records changed (name, legal name, email, phone, street, contact); run ${request.runId} queued`,
  );

  const sampleNames: string[] = [];
  for (let i = 0; i < 200; i++) sampleNames.push(fixtures[Math.floor((i * records) / 200)]!.name);
  return { runId: request.runId, sampleNames };
}
