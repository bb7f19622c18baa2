import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { listenPglite, listenPostgres, MemberChanges, type PostgresListenerOptions } from './member-changes';
import { migratePgliteDatabase, migratePostgresDatabase } from './migrate';
import { acquireDataDirectoryLock } from './pglite-lock';
import { openThreadedPglite, type ThreadedPglite } from './pglite-thread';
import * as schema from './schema';

/** The one database type the app codes against, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface OpenDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Announcements that a member or practice row changed (db/member-changes.ts), for the member cache. */
  memberChanges: MemberChanges;
  close(): Promise<void>;
}

// The same extensions at every open: an index built with pg_trgm cannot be used without it.
const pgliteExtensions = { pg_trgm };

/**
 * Opens PGlite in `dataDir` (or in memory when `dataDir` is null), holding the lock file
 * beside the directory, and applies migrations before anyone can query. `thread: true` runs
 * the database in a worker thread (db/pglite-thread.ts): the app does, so requests are not
 * held up by the database's work; tests and scripts keep it on their own thread.
 */
export async function openPglite(dataDir: string | null, options: { thread?: boolean } = {}): Promise<OpenDatabase> {
  let releaseLock = () => {};
  let client: PGlite;
  const create = async (directory: string | null): Promise<PGlite> =>
    // The threaded client offers the part of PGlite's interface that drizzle and this app use.
    options.thread ? ((await openThreadedPglite(directory)) as unknown as PGlite) : PGlite.create(directory ?? undefined, { extensions: pgliteExtensions });
  if (dataDir) {
    const absolute = path.resolve(dataDir);
    // PGlite does not create parent directories.
    mkdirSync(path.dirname(absolute), { recursive: true });
    releaseLock = acquireDataDirectoryLock(`${absolute}.lock`);
    try {
      client = await create(absolute);
    } catch (error) {
      releaseLock();
      throw error;
    }
  } else {
    client = await create(null);
  }
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  try {
    await migratePgliteDatabase(db);
  } catch (error) {
    await client.close().catch(() => undefined);
    releaseLock();
    throw error;
  }
  const memberChanges = new MemberChanges();
  const listener = await listenPglite(client, memberChanges);
  let closed = false;
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    memberChanges,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await listener.close();
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * How long a pooled connection may sit idle before it is closed (node-postgres's default is
 * 10 s). A new connection is costly just when it is needed: PostgreSQL forks a backend that
 * loads its catalog caches, and the search's prepared statements (db/prepared-rows.ts) are
 * parsed and custom-planned again for its first runs. With 10 s, a quiet spell closed most
 * of the pool and the next burst of searches reopened it all at once; in the endpoint bench
 * that cost took the cores from 80% to 100% busy for seconds and p95 from 30 ms to 700 ms.
 */
const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

export async function openPostgres(url: string, options: { max?: number; listener?: PostgresListenerOptions } = {}): Promise<OpenDatabase> {
  const pool = new Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
  // An idle connection the server drops (a restart, a failover) must not crash the process:
  // the pool forgets it and opens another on the next query.
  pool.on('error', (error) => console.warn('[db] idle PostgreSQL connection lost:', error.message));
  const db = drizzleNodePg({ client: pool, schema, casing: 'snake_case' });
  try {
    await migratePostgresDatabase(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const memberChanges = new MemberChanges();
  const listener = await listenPostgres(url, memberChanges, options.listener);
  let closed = false;
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    memberChanges,
    async close() {
      if (closed) return;
      closed = true;
      await listener.close();
      await pool.end();
    },
  };
}

/** Raw SQL rows, whichever driver: both PGlite and node-postgres answer `{ rows }`. */
export async function queryRows<T>(db: Database | Transaction, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Settings one statement runs under (`set local`): fixed in code, never from a request. Only
 * on/off switches and finite numbers under plain names (an extension's with one dot, as
 * `pg_trgm.similarity_threshold`), so nothing but a known name, a keyword or a number ever
 * reaches the SQL text.
 */
export type LocalSettings = Readonly<Record<string, 'on' | 'off' | number>>;

// drizzle keeps date and time values as text (see db/pglite-thread.ts textTypesOf); so does this.
export const TEXT_TYPES = [1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231];
const keepText = Object.fromEntries(TEXT_TYPES.map((type) => [type, (value: string) => value]));
const dialect = new PgDialect({ casing: 'snake_case' });

function setLocal(settings: LocalSettings): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      const known = /^[a-z_]+(\.[a-z_]+)?$/.test(name);
      if (!known || (value !== 'on' && value !== 'off' && !(typeof value === 'number' && Number.isFinite(value)))) throw new Error(`Not a planner setting: ${name}`);
      return `set local ${name} = ${value}`;
    })
    .join('; ');
}

/**
 * The rows of one statement run with `settings` in force for it alone (a transaction of its own).
 * On PGlite in a worker thread the transaction begins, runs and commits in the worker, in one
 * message: a transaction opened from this thread holds the one connection across four round
 * trips, and while this thread is busy with other requests every other statement waits for it.
 *
 * `prepare: true` keeps the statement named in PGlite's worker (ThreadedPglite.queryPrepared):
 * for the few statement shapes run on every keystroke, whose text depends on code alone.
 */
export async function queryRowsWithSettings<T>(db: Database | Transaction, query: SQL, settings: LocalSettings, { prepare = false } = {}): Promise<T[]> {
  const client = (db as { $client?: Partial<ThreadedPglite> }).$client;
  if (typeof client?.queryWithSettings === 'function') {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const run = prepare && client.queryPrepared ? client.queryPrepared : client.queryWithSettings;
    return (await run(setLocal(settings), text, params, { rowMode: 'object', parsers: keepText })).rows as T[];
  }
  return (db as Database).transaction(async (tx) => {
    for (const statement of setLocal(settings).split('; ')) await tx.execute(sql.raw(statement));
    return queryRows<T>(tx, query);
  });
}

/** PGlite's drizzle client is the PGlite instance itself (it has waitReady); PostgreSQL's is a pool. */
export function isEmbedded(db: Database | Transaction): boolean {
  const client = (db as { $client?: unknown }).$client;
  return typeof client === 'object' && client !== null && 'waitReady' in client;
}
