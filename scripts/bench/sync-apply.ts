/**
 * Sync apply benchmark (issue 10): N linked clients whose app records all changed, applied by
 * the engine's apply stage (no network: the directory is already filled, as after a read).
 * Prints records/s and the event-loop lag p99 during the run, per database. It asserts
 * nothing: targets are ≥ 2,000 records/s and lag p99 ≤ 100 ms (DESIGN §6).
 *
 *   npm run bench:sync                        # PGlite in a temp dir (and PostgreSQL when
 *                                             # BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 *   BENCH_SYNC_RECORDS=5000                   # fewer records (default 20,000)
 *   BENCH_PGLITE_THREAD=0                     # PGlite on this thread (default: in a worker
 *                                             # thread, as the app runs it)
 *   BENCH_SYNC_BATCH=100                      # a fixed batch size (default: the engine's
 *                                             # pace with nobody using the app, ./pace.ts)
 *
 * Run with the react-server condition (see package.json): the commands are server-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { type OpenDatabase, openPglite } from '@/db/open';
import { clientContacts, clientLinks, clients, connections, directoryRecords, practices, syncRuns } from '@/db/schema';
import { systemActor } from '@/lib/commands/actor';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { directoryRow } from '@/lib/integrations/directory-upsert';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { executeSyncRun } from '@/lib/sync/engine';
import { PACES } from '@/lib/sync/engine/pace';
import { isEmbedded } from '@/db';
import { clientFromCanonical } from '@/lib/sync/mapping/client-from-canonical';
import { canonicalRecord } from '@/lib/sync/testing/canonical-record';
import { openFreshPostgres } from './fresh-postgres';
import { summarize } from './stats';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 20_000);
const BATCH = process.env.BENCH_SYNC_BATCH ? Number(process.env.BENCH_SYNC_BATCH) : undefined;
const SEED_CHUNK = 1_000;
const log = (line: string) => console.log(line);

function record(i: number, version: 'before' | 'after'): CanonicalClient {
  const id = `bench-${String(i).padStart(6, '0')}`;
  const suffix = version === 'after' ? ' Holdings' : '';
  return canonicalRecord('gusto', id, {
    name: `Bench Client ${i}${suffix}`,
    legalName: `Bench Client ${i}${suffix} Pty Ltd`,
    email: `client${i}${version === 'after' ? '.new' : ''}@bench.example`,
    phone: `+61 2 ${version === 'after' ? '9' : '8'}${String(i).padStart(7, '0')}`,
    streetAddress: { lines: [`${i} ${version === 'after' ? 'New' : 'Old'} Street`], city: 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' },
    businessNumber: `${10_000_000_000 + i}`,
    businessStructure: 'Company',
    contacts: [
      {
        externalId: null,
        name: `Contact ${i}${version === 'after' ? ' Jr' : ''}`,
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

/** A practice with RECORDS linked clients, in step with their records, whose records then all change. */
async function seed(open: OpenDatabase): Promise<string> {
  const { db } = open;
  const [practice] = await db.insert(practices).values({ name: 'Bench Sync Practice' }).returning({ id: practices.id });
  const practiceId = practice!.id;
  await db.insert(connections).values({ practiceId, app: 'gusto', status: 'connected', syncData: 'everything', syncDirection: 'from_app' });
  for (let start = 0; start < RECORDS; start += SEED_CHUNK) {
    const indexes = Array.from({ length: Math.min(SEED_CHUNK, RECORDS - start) }, (_, k) => start + k);
    await db.transaction(async (tx) => {
      // Each client holds its record's values and contact, as after an earlier sync.
      const inserted = await tx
        .insert(clients)
        .values(indexes.map((i) => ({ ...clientFromCanonical(record(i, 'before')).client, practiceId })))
        .returning({ id: clients.id, name: clients.name });
      const idByName = new Map(inserted.map((c) => [c.name, c.id]));
      await tx
        .insert(clientContacts)
        .values(indexes.flatMap((i) => clientFromCanonical(record(i, 'before')).contacts.map((c) => ({ ...c, practiceId, clientId: idByName.get(`Bench Client ${i}`)! }))));
      await tx.insert(directoryRecords).values(indexes.map((i) => directoryRow(practiceId, null, record(i, 'before'))));
      await tx
        .insert(clientLinks)
        .values(indexes.map((i) => ({ practiceId, clientId: idByName.get(`Bench Client ${i}`)!, app: 'gusto' as const, externalId: record(i, 'before').externalId })));
    });
  }
  return practiceId;
}

/**
 * Marks every link in step with its record (as a first run would leave it, without spending
 * minutes on one), then changes every record upstream.
 */
async function primeAndChange(open: OpenDatabase, practiceId: string): Promise<void> {
  await open.db.execute(sql`
    update client_links l set last_synced_hash = md5(d.payload_hash || ':everything'), last_synced_at = now()
    from directory_records d
    where d.practice_id = l.practice_id and d.app = l.app and d.external_id = l.external_id and l.practice_id = ${practiceId}`);
  for (let start = 0; start < RECORDS; start += SEED_CHUNK) {
    const rows = Array.from({ length: Math.min(SEED_CHUNK, RECORDS - start) }, (_, k) => directoryRow(practiceId, null, record(start + k, 'after')));
    await open.db.execute(sql`
      update directory_records d set payload = v.payload, payload_hash = v.payload_hash, name = v.name, normalized_name = v.normalized_name
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ external_id: r.externalId, payload: r.payload, payload_hash: r.payloadHash, name: r.name, normalized_name: r.normalizedName })))}::jsonb)
        as v(external_id text, payload jsonb, payload_hash text, name text, normalized_name text)
      where d.practice_id = ${practiceId} and d.app = 'gusto' and d.external_id = v.external_id`);
  }
}

async function run(open: OpenDatabase, practiceId: string, label: string) {
  const request = await open.db.transaction((tx) => requestSyncRun(tx, systemActor(practiceId, 'manual'), { app: 'gusto' }));
  if (request.kind !== 'queued') throw new Error(`could not queue a run: ${request.kind}`);
  // Approved, as after an admin's review: the mass-change guard would otherwise pause this rename of every client.
  await open.db.update(syncRuns).set({ approvedAt: new Date() }).where(eq(syncRuns.id, request.runId));
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  // Each batch holds PGlite's one connection: its duration is what a search may wait behind it.
  const batchMs: number[] = [];
  let lastCommit = performance.now();
  const result = await executeSyncRun(request.runId, {
    batchSize: BATCH,
    read: async () => ({ fetched: RECORDS, errors: [] }),
    onBatchCommitted: () => {
      const now = performance.now();
      batchMs.push(now - lastCommit);
      lastCommit = now;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  // After the last batch: the run's end, the search indexes settled, PGlite's vacuum.
  const finishSeconds = (performance.now() - lastCommit) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  lag.disable();
  const [row] = await open.db.select().from(syncRuns).where(eq(syncRuns.id, request.runId));
  return {
    label,
    result,
    seconds,
    finishSeconds,
    batchMs: batchMs.slice(1),
    row: row!,
    lagP99: lag.percentile(99) / 1e6,
    lagMax: lag.max / 1e6,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

async function benchDatabase(label: string, open: OpenDatabase) {
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(open);
  log(`\n== ${label}: seeding ${RECORDS} linked clients and directory records`);
  const seedStart = performance.now();
  const practiceId = await seed(open);
  await primeAndChange(open, practiceId);
  log(
    `seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; every record then changed upstream: name, legal name, email, phone, street line and its contact (6 provenance rows each)`,
  );
  const measured = await run(open, practiceId, 'apply');
  const { row } = measured;
  log(
    `${label}: ${row.processed} records in ${measured.seconds.toFixed(2)} s = ${Math.round(row.processed / measured.seconds)} records/s ` +
      `(batch ${BATCH ?? `${PACES[isEmbedded(open.db) ? 'embedded' : 'postgres'].idle.batchSize}, paced: nobody is using the app`}; status ${row.status}, updated ${row.updated}, unchanged ${row.unchanged}, failed ${row.failed})`,
  );
  // CPU time of this process (PGlite runs in it): steadier than wall time on a busy machine,
  // so two versions can be compared even while something else runs. (PostgreSQL's own work is
  // in its server process and not counted.)
  log(`${label}: this process's CPU during the run: ${measured.cpuSeconds.toFixed(2)} s (${Math.round(row.processed / measured.cpuSeconds)} records per CPU second)`);
  log(summarize(`${label}: batch duration (commit to commit; a search on PGlite can wait this long)`, measured.batchMs));
  log(`${label}: after the last batch (finish, search indexes settled, PGlite's vacuum): ${measured.finishSeconds.toFixed(2)} s of the run's ${measured.seconds.toFixed(2)} s`);
  log(`${label}: event-loop lag during the run: p99 ${measured.lagP99.toFixed(1)} ms, max ${measured.lagMax.toFixed(1)} ms`);
  const replay = await run(open, practiceId, 'replay');
  log(`${label}: replay (nothing changed upstream): ${replay.seconds.toFixed(2)} s, updated ${replay.row.updated}, unchanged ${replay.row.unchanged}`);
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sync-bench-'));
  try {
    // As the app opens it (db/index.ts): in a worker thread, unless BENCH_PGLITE_THREAD=0.
    const thread = process.env.BENCH_PGLITE_THREAD !== '0';
    const pglite = await openPglite(path.join(dir, 'pglite'), { thread });
    try {
      await benchDatabase(thread ? 'PGlite' : 'PGlite (on the main thread)', pglite);
    } finally {
      await pglite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a local server)');
    return;
  }
  const postgres = await openFreshPostgres(url);
  try {
    await benchDatabase('PostgreSQL', postgres);
  } finally {
    await postgres.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
