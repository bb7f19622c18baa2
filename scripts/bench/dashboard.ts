/**
 * Dashboard benchmark (issue 12, requirement 4): a practice with 10,000 clients linked to both
 * apps and 90 days of 100 runs a day, beside other practices with their own runs, then the
 * Dashboard's data loading as the page does it (everything its server components await, in
 * parallel) and the shell's badge query (which every page's layout runs), p50/p95 over repeated
 * loads. Prints figures and the badge's and health's query plans; asserts nothing.
 *
 *   npm run bench:dashboard              # PGlite in a temp dir (and PostgreSQL when
 *                                        # BENCH_DATABASE_URL is set: a fresh database, dropped after)
 *   BENCH_CLIENTS=2000 BENCH_DAYS=10     # a smaller practice
 *   BENCH_LOADS=100                      # fewer measured loads (default 200)
 *
 *   BENCH_HTTP_LOADS=100                 # loads of the rendered page over HTTP (default 100; 0 skips)
 *
 * Two figures: the data loading in this process (the DAL calls the page makes, without
 * rendering or the network), and then — when a production build exists (`npx next build`) —
 * the rendered page over HTTP: `next start` over the same seeded database, signed in as the
 * practice's admin, GET /dashboard timed to its first and last byte (scripts/bench/dashboard-http.ts).
 * The second is the page's server time requirement 4 asks for; the first says which part is data.
 * Run with the react-server condition (see package.json): the DAL modules are server-only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, isEmbedded, type OpenDatabase, openPglite, queryRows } from '@/db/open';
import { clientLinks, clients, connections, directoryRecords, practices, proposals, syncRunErrors, syncRuns, users, workflowDeployments } from '@/db/schema';
import { listOpenNotices } from '@/lib/dal/account-notices';
import { countAttention, listAttention } from '@/lib/dal/attention';
import { countClients } from '@/lib/dal/clients';
import { listConnections } from '@/lib/dal/connections';
import { listMembers } from '@/lib/dal/members';
import type { Member } from '@/lib/dal/session';
import { listSyncHealth } from '@/lib/dal/sync-health';
import { countSuggestedMatches } from '@/lib/dal/suggested-matches/review';
import { directoryRow } from '@/lib/integrations/directory-upsert';
import { canonicalRecord } from '@/lib/sync/testing/canonical-record';
import { hashPassword } from '@/lib/auth/password';
import { benchDashboardHttp } from './dashboard-http';
import { openFreshPostgres } from './fresh-postgres';
import { summarize, timeEach } from './stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const RUNS_PER_DAY = 100;
const OTHER_PRACTICES = 3;
const LOADS = Number(process.env.BENCH_LOADS ?? 200);
const HTTP_LOADS = Number(process.env.BENCH_HTTP_LOADS ?? 100);
/** The benchmark practice's admin signs in with this for the HTTP part. */
const BENCH_PASSWORD = 'bench-dashboard-password';
const CHUNK = 1_000;
const log = (line: string) => console.log(line);

type RunInsert = typeof syncRuns.$inferInsert;

/** 90 days of runs, both apps, mostly succeeded, some partial or failed; the newest last. */
function runHistory(practiceId: string, now: number): RunInsert[] {
  const total = DAYS * RUNS_PER_DAY;
  const step = (DAYS * 86_400_000) / total;
  return Array.from({ length: total }, (_, i): RunInsert => {
    const app = i % 2 === 0 ? 'gusto' : 'xpm';
    const status = i % 50 === 7 ? 'failed' : i % 20 === 3 ? 'partial' : 'succeeded';
    const queuedAt = new Date(now - (total - i) * step);
    return {
      practiceId,
      app,
      direction: app === 'gusto' ? 'from_app' : 'to_app',
      syncData: 'everything',
      trigger: i % 10 === 0 ? 'schedule' : 'webhook',
      status,
      fetched: 40,
      updated: 3,
      unchanged: 37,
      failed: status === 'partial' ? 2 : 0,
      queuedAt,
      startedAt: queuedAt,
      finishedAt: new Date(queuedAt.getTime() + 2_000),
    };
  });
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}

async function seedPractice(db: Database, name: string, clientCount: number, withDirectory: boolean): Promise<Member> {
  const practiceId = randomUUID();
  const userId = randomUUID();
  await db.insert(practices).values({ id: practiceId, name });
  await db
    .insert(users)
    .values({ id: userId, practiceId, role: 'admin', name: `${name} admin`, email: `${userId}@bench.example`, passwordHash: await hashPassword(BENCH_PASSWORD) });
  await db.insert(connections).values([
    { practiceId, app: 'gusto', status: 'connected', syncData: 'everything', syncDirection: 'from_app' },
    // One alert of each kind for the badge to find: XPM needs re-authorising.
    { practiceId, app: 'xpm', status: 'needs_reauth', syncData: 'everything', syncDirection: 'to_app' },
  ]);
  const ids = Array.from({ length: clientCount }, () => randomUUID());
  await insertChunked(
    ids.map((id, i) => ({ id, practiceId, name: `${name} Client ${i}` })),
    (chunk) => db.insert(clients).values(chunk),
  );
  for (const app of ['gusto', 'xpm'] as const) {
    await insertChunked(
      ids.map((clientId, i) => ({
        practiceId,
        clientId,
        app,
        externalId: `${app}-${i}`,
        // A few records archived or deleted in the app: links needing attention.
        status: i % 200 === 1 ? ('external_archived' as const) : i % 1000 === 2 ? ('external_deleted' as const) : ('active' as const),
      })),
      (chunk) => db.insert(clientLinks).values(chunk),
    );
    if (withDirectory) {
      await insertChunked(
        ids.map((_, i) => directoryRow(practiceId, null, canonicalRecord(app, `${app}-${i}`, { name: `${name} Client ${i}` }))),
        (chunk) => db.insert(directoryRecords).values(chunk),
      );
    }
  }
  if (withDirectory) {
    // Links synced before, as a running practice's are: "Clients in sync" compares each Gusto
    // link's hash with its record's (lib/dal/sync-health.ts). A tenth changed in the app since.
    await db.execute(sql`update client_links l set last_synced_hash = md5(d.payload_hash || ':everything'), last_pushed_hash = d.payload_hash
      from directory_records d
      where l.practice_id = ${practiceId} and d.practice_id = l.practice_id and d.app = l.app and d.external_id = l.external_id and right(l.external_id, 1) <> '7'`);
  }
  const runs = runHistory(practiceId, Date.now() - 3_600_000);
  const runIds: { id: string; status: string }[] = [];
  await insertChunked(runs, async (chunk) => {
    runIds.push(...(await db.insert(syncRuns).values(chunk).returning({ id: syncRuns.id, status: syncRuns.status })));
  });
  // Every partial run's two failed records, and a paused run waiting for review.
  const errors = runIds
    .filter((r) => r.status === 'partial')
    .flatMap((r, k) => [0, 1].map((j) => ({ practiceId, runId: r.id, externalId: `gusto-${(k * 2 + j) % clientCount}`, message: 'Gusto sent an EIN that is not 9 digits.' })));
  await insertChunked(errors, (chunk) => db.insert(syncRunErrors).values(chunk));
  await db
    .insert(syncRuns)
    .values({ practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'needs_review', reviewReason: 'Bench.' });
  // Accepted proposals with their deployments, three of them stuck.
  const proposalRows = Array.from({ length: 500 }, (_, i) => ({
    id: randomUUID(),
    practiceId,
    title: `Proposal ${i}`,
    clientId: ids[i % clientCount]!,
    status: 'accepted' as const,
    createdByUserId: userId,
    updatedByUserId: userId,
  }));
  await insertChunked(proposalRows, (chunk) => db.insert(proposals).values(chunk));
  await insertChunked(
    proposalRows.map((p, i) => ({ practiceId, proposalId: p.id, clientId: p.clientId, app: 'xpm' as const, status: i < 3 ? ('failed' as const) : ('succeeded' as const) })),
    (chunk) => db.insert(workflowDeployments).values(chunk),
  );
  return { userId, practiceId, role: 'admin', name: `${name} admin`, email: `${userId}@bench.example`, practiceName: name, practiceTimezone: 'Australia/Sydney' };
}

/** Everything the Dashboard page and its server components await (app/(app)/dashboard), as they do: in parallel. */
function loadDashboard(member: Member) {
  return Promise.all([
    countClients(member),
    listMembers(member),
    listOpenNotices(member),
    listAttention(member),
    countAttention(member),
    listSyncHealth(member),
    // Streamed behind a Suspense boundary on the page, but part of its whole answer.
    countSuggestedMatches(member),
  ]);
}

async function plan(db: Database, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${query}`);
  return rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
}

async function benchDatabase(label: string, open: OpenDatabase): Promise<Member> {
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(open);
  const { db } = open;
  log(
    `\n== ${label}: seeding a practice with ${CLIENTS} clients linked to both apps and ${DAYS * RUNS_PER_DAY} runs (${DAYS} days × ${RUNS_PER_DAY}), beside ${OTHER_PRACTICES} others`,
  );
  const seedStart = performance.now();
  const member = await seedPractice(db, 'Bench', CLIENTS, true);
  for (let p = 0; p < OTHER_PRACTICES; p++) await seedPractice(db, `Other ${p}`, Math.round(CLIENTS / 5), false);
  // PGlite: as after the upkeep a sync does (it has no autovacuum; lib/sync/engine/planner-stats.ts),
  // statistics but no visibility map. PostgreSQL: as autovacuum leaves a table soon after.
  await db.execute(isEmbedded(db) ? sql`analyze` : sql`vacuum analyze`);
  log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const [health] = await listSyncHealth(member);
  log(`(check: ${await countAttention({ ...member })} items need attention; first app's links ${JSON.stringify(health?.links)})`);

  const loads = Array.from({ length: LOADS }, () => ({ ...member })); // a fresh object per load: nothing cached across requests
  await timeEach(loads.slice(0, 20), loadDashboard); // warm up
  log(summarize(`${label}: Dashboard data loading`, await timeEach(loads, loadDashboard)));
  log(summarize(`${label}: shell badge query (every page)`, await timeEach(loads, (m) => countAttention(m))));
  log(summarize(`  needs-attention list`, await timeEach(loads, (m) => listAttention(m))));
  log(summarize(`  sync health (admin)`, await timeEach(loads, (m) => listSyncHealth(m))));
  log(summarize(`  sync health (author)`, await timeEach(loads, (m) => listSyncHealth({ ...m, role: 'author' }))));
  log(summarize(`  listConnections (no longer on the Dashboard)`, await timeEach(loads, (m) => listConnections(m))));
  log(summarize(`  countClients`, await timeEach(loads, (m) => countClients(m))));
  log(summarize(`  suggested matches per app (cached: the fingerprint query)`, await timeEach(loads, (m) => countSuggestedMatches(m))));

  const p = member.practiceId;
  log(`${label}: plan of the badge query's run part (latest finished run per app):`);
  log(
    await plan(
      db,
      sql`select r.id from connections c cross join lateral (select r.id, r.status from sync_runs r where r.practice_id = c.practice_id and r.app = c.app and r.status in ('succeeded', 'partial', 'failed') order by r.queued_at desc, r.id desc limit 1) r where c.practice_id = ${p}`,
    ),
  );
  log(`${label}: plan of the paused-runs count:`);
  log(await plan(db, sql`select count(*) from sync_runs where practice_id = ${p} and status = 'needs_review'`));
  log(`${label}: plan of the stuck-deployments count:`);
  log(await plan(db, sql`select count(*) from workflow_deployments where practice_id = ${p} and status in ('failed', 'needs_choice')`));
  log(`${label}: plan of the links-by-state count:`);
  log(await plan(db, sql`select app, count(*) filter (where status = 'active') from client_links where practice_id = ${p} group by app`));
  log(`${label}: plan of the scheduler's last start of one app (listAppRunOverviews):`);
  log(await plan(db, sql`select max(started_at) from sync_runs where practice_id = ${p} and app = 'gusto'`));
  // The client list filtered by link state (the Dashboard's archived/deleted figures link there), and by no link.
  log(`${label}: plan of the client list filtered to records archived in Gusto (count + first page):`);
  log(
    await plan(
      db,
      sql`select id from clients c where c.practice_id = ${p} and c.archived_at is null and exists (select 1 from client_links l where l.practice_id = c.practice_id and l.client_id = c.id and l.app = 'gusto' and l.status = 'external_archived') order by lower(c.name), c.id limit 25`,
    ),
  );
  log(`${label}: plan of the client list filtered to clients linked to no app:`);
  log(
    await plan(
      db,
      sql`select count(*) from clients c where c.practice_id = ${p} and c.archived_at is null and not exists (select 1 from client_links l where l.practice_id = c.practice_id and l.client_id = c.id)`,
    ),
  );
  log(`${label}: plan of the directory count (listConnections):`);
  log(await plan(db, sql`select app, count(*) from directory_records where practice_id = ${p} and archived = false group by app`));
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
  return member;
}

function benchHttp(label: string, member: Member, databaseEnv: Parameters<typeof benchDashboardHttp>[0]['databaseEnv']) {
  if (HTTP_LOADS <= 0) return Promise.resolve();
  return benchDashboardHttp({ label, databaseEnv, login: { email: member.email, password: BENCH_PASSWORD }, loads: HTTP_LOADS, log });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-bench-'));
  try {
    const pglite = await openPglite(path.join(dir, 'pglite'), { thread: true });
    let member: Member;
    try {
      member = await benchDatabase('PGlite', pglite);
    } finally {
      await pglite.close(); // the server must be the only opener
    }
    await benchHttp('PGlite', member, { DATA_DIR: dir, DATABASE_URL: '' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL to a local server)');
    return;
  }
  const postgres = await openFreshPostgres(url);
  try {
    const member = await benchDatabase('PostgreSQL', postgres);
    await benchHttp('PostgreSQL', member, { DATABASE_URL: postgres.url });
  } finally {
    await postgres.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
