import path from 'node:path';
import type { Pool } from 'pg';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type * as schema from './schema';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function migratePgliteDatabase(db: PgliteDatabase<typeof schema>): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}

/**
 * Several app instances may start at once against one PostgreSQL: a session advisory lock,
 * held on one dedicated connection, makes them migrate one after the other instead of
 * racing on the same DDL. The migrations run on that same connection: a pool of one
 * (DATABASE_POOL_SIZE=1) has no second one, and waiting for it hung the start.
 */
export async function migratePostgresDatabase(pool: Pool): Promise<void> {
  const lockKey = 7_345_112_001; // arbitrary constant, unique to this app
  const lockHolder = await pool.connect();
  try {
    await lockHolder.query('select pg_advisory_lock($1)', [lockKey]);
    await migrateNodePg(drizzleNodePg({ client: lockHolder }), { migrationsFolder });
  } finally {
    await lockHolder.query('select pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    lockHolder.release();
  }
}
