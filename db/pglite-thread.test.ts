import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPglite, queryRows, queryRowsWithSettings } from '@/db/open';
import { practices, users } from '@/db/schema';
import { isUniqueViolation } from '@/lib/dal/unique-violation';

/**
 * The app's PGlite runs in a worker thread (db/pglite-thread.ts). The rest of the suite opens
 * PGlite on its own thread; this file checks that the threaded one behaves the same through
 * drizzle: migrations, reads and writes with their types, transactions that commit and roll
 * back, database errors with their codes, notifications, a data directory that survives a
 * reopen — and that the main thread stays free while the database works.
 */
describe('PGlite in a worker thread', () => {
  let dir: string;
  let database: OpenDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pglite-thread-'));
    database = await openPglite(path.join(dir, 'pglite'), { thread: true });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('migrated, with pg_trgm, and answers drizzle queries with their types', async () => {
    const [practice] = await database.db.insert(practices).values({ name: 'Threaded Practice' }).returning();
    expect(practice).toMatchObject({ name: 'Threaded Practice' });
    expect(practice!.createdAt).toBeInstanceOf(Date);
    const [found] = await database.db.select().from(practices).where(eq(practices.id, practice!.id));
    expect(found).toEqual(practice);
    const [similarity] = await queryRows<{ s: number }>(database.db, sql`select similarity('harbour', 'harbor') as s`);
    expect(Number(similarity!.s)).toBeGreaterThan(0.3);
  });

  test('a transaction commits as a whole, or rolls back as a whole when it throws', async () => {
    const name = 'Committed together';
    await database.db.transaction(async (tx) => {
      await tx.insert(practices).values({ name });
      await tx.insert(practices).values({ name });
    });
    expect(await database.db.$count(practices, eq(practices.name, name))).toBe(2);

    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(practices).values({ name: 'Rolled back' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(practices).values({ name: 'Rolled back' });
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await database.db.$count(practices, eq(practices.name, 'Rolled back'))).toBe(0);
  });

  test('statements outside a transaction wait for it, as on one connection', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.insert(practices).values({ name: 'Inside first' });
      await held;
      order.push('transaction done');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = database.db
      .select()
      .from(practices)
      .where(eq(practices.name, 'Inside first'))
      .then((rows) => order.push(`outside saw ${rows.length}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['transaction done', 'outside saw 1']);
  });

  test('a statement with local settings: they hold for it alone, in one message to the worker, with rows as objects', async () => {
    const worker = (database.db as unknown as { $client: { busy(): number } }).$client;
    const [practice] = await database.db.insert(practices).values({ name: 'Settings' }).returning({ id: practices.id, createdAt: practices.createdAt });
    const reading = queryRowsWithSettings<{ seqscan: string; id: string; created_at: string; n: number }>(
      database.db,
      sql`select current_setting('enable_seqscan') as seqscan, id, created_at, 2 as n from practices where id = ${practice!.id}`,
      { enable_seqscan: 'off' },
    );
    // No transaction opened from this side: one statement waiting, not a held connection.
    expect(worker.busy()).toBe(1);
    expect(await reading).toEqual([{ seqscan: 'off', id: practice!.id, created_at: expect.any(String), n: 2 }]);
    const [after] = await queryRows<{ seqscan: string }>(database.db, sql`select current_setting('enable_seqscan') as seqscan`);
    expect(after!.seqscan).toBe('on');

    // A failing statement rolls its transaction back and leaves the connection usable.
    await expect(queryRowsWithSettings(database.db, sql`select 1 / 0`, { enable_seqscan: 'off' })).rejects.toThrow(/division by zero/);
    const [still] = await queryRows<{ seqscan: string }>(database.db, sql`select current_setting('enable_seqscan') as seqscan`);
    expect(still!.seqscan).toBe('on');
    // Only on/off switches with plain names reach the SQL text.
    await expect(queryRowsWithSettings(database.db, sql`select 1`, { 'enable_seqscan = on; drop table practices; --': 'off' })).rejects.toThrow('Not a planner setting');
  });

  test('a numeric setting of an extension holds for its statement alone, in one message', async () => {
    const worker = (database.db as unknown as { $client: { busy(): number } }).$client;
    const reading = queryRowsWithSettings<{ threshold: string }>(database.db, sql`select current_setting('pg_trgm.similarity_threshold') as threshold`, {
      'pg_trgm.similarity_threshold': 0.6,
    });
    expect(worker.busy()).toBe(1);
    expect(await reading).toEqual([{ threshold: '0.6' }]);
    const [after] = await queryRows<{ threshold: string }>(database.db, sql`select current_setting('pg_trgm.similarity_threshold') as threshold`);
    expect(after!.threshold).toBe('0.3');
    // A number must be one: nothing else reaches the SQL text.
    await expect(queryRowsWithSettings(database.db, sql`select 1`, { 'pg_trgm.similarity_threshold': Number.NaN })).rejects.toThrow('Not a planner setting');
    await expect(queryRowsWithSettings(database.db, sql`select 1`, { 'pg_trgm.similarity_threshold; drop table practices': 0.6 })).rejects.toThrow('Not a planner setting');
  });

  test('database errors keep their SQLSTATE and constraint (unique violations are recognised)', async () => {
    const [practice] = await database.db.insert(practices).values({ name: 'Errors' }).returning({ id: practices.id });
    const user = { practiceId: practice!.id, name: 'Ada', email: 'ada-thread@example.com', passwordHash: 'x', role: 'admin' as const };
    await database.db.insert(users).values(user);
    const error = await database.db
      .insert(users)
      .values(user)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error)).toBe(true);
  });

  test('notifications reach listeners on the main thread', async () => {
    const heard: string[] = [];
    const client = (database.db as unknown as { $client: { listen(channel: string, cb: (payload: string) => void): Promise<unknown> } }).$client;
    await client.listen('thread_test', (payload) => heard.push(payload));
    await database.db.execute(sql`select pg_notify('thread_test', 'hello')`);
    await expect.poll(() => heard).toEqual(['hello']);
  });

  test('the main thread keeps running while the database works', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await database.db.execute(sql`select count(*) from generate_series(1, 3000000)`);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5); // on the main thread this statement would allow none
  });

  test('what was written is there after a reopen', async () => {
    await database.close();
    database = await openPglite(path.join(dir, 'pglite'), { thread: true });
    expect(await database.db.$count(practices, eq(practices.name, 'Threaded Practice'))).toBe(1);
  });
});
