import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { listenPglite, listenPostgres, MemberChanges, type PostgresListenerOptions } from './member-changes';
import { migratePgliteDatabase, migratePostgresDatabase } from './migrate';
import { acquireDataDirectoryLock } from './pglite-lock';
import { openThreadedPglite } from './pglite-thread';
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

export async function openPostgres(url: string, options: { max?: number; listener?: PostgresListenerOptions } = {}): Promise<OpenDatabase> {
  const pool = new Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection the server drops (a restart, a failover) must not crash the process:
  // the pool forgets it and opens another on the next query.
  pool.on('error', (error) => console.warn('[db] idle PostgreSQL connection lost:', error.message));
  const db = drizzleNodePg({ client: pool, schema, casing: 'snake_case' });
  try {
    await migratePostgresDatabase(db, pool);
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

/** PGlite's drizzle client is the PGlite instance itself (it has waitReady); PostgreSQL's is a pool. */
export function isEmbedded(db: Database | Transaction): boolean {
  const client = (db as { $client?: unknown }).$client;
  return typeof client === 'object' && client !== null && 'waitReady' in client;
}
