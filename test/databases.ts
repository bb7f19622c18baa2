import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenDatabase, openPglite, openPostgres } from '@/db/open';

/**
 * The databases every database test runs against: PGlite always, and PostgreSQL too when
 * TEST_DATABASE_URL is set (CI sets it). Each open gets a brand-new database so test
 * files can run in parallel, and is dropped on close.
 */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<OpenDatabase>;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/** Tests never touch a non-local database: refuse anything else outright. */
export function assertLocalDatabaseUrl(url: string): URL {
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`TEST_DATABASE_URL is not a postgres URL`);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(`Refusing to run tests against non-local database host "${parsed.hostname}"`);
  }
  return parsed;
}

/**
 * pool.end() resolves once its connections are told to close, a moment before the server's
 * backends exit; a forced drop in that moment sends them a FATAL error that surfaces as an
 * unhandled error in whichever test file is finishing. Wait (briefly) for them to go.
 */
async function waitForBackendsToExit(admin: pg.Client, dbName: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A brand-new, empty PostgreSQL database on the local test server, for code that connects
 * by URL itself (pg-boss); `drop()` removes it once its connections have gone.
 */
export async function createFreshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = assertLocalDatabaseUrl(adminUrl);
  const dbName = `ps_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${dbName}`;
  return {
    url: url.toString(),
    async drop() {
      const cleaner = new pg.Client({ connectionString: adminUrl });
      await cleaner.connect();
      await waitForBackendsToExit(cleaner, dbName);
      await cleaner.query(`drop database if exists "${dbName}" with (force)`);
      await cleaner.end();
    },
  };
}

async function openFreshPostgres(adminUrl: string): Promise<OpenDatabase> {
  const fresh = await createFreshPostgresDatabase(adminUrl);
  const open = await openPostgres(fresh.url, { max: 30 });
  return {
    ...open,
    async close() {
      await open.close();
      await fresh.drop();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openPglite(null) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return list;
}
