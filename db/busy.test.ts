import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenDatabase, openPglite } from '@/db/open';
import { testDatabases } from '@/test/databases';
import { databaseBusy } from './busy';

/**
 * A sync run waits for people's requests to leave the database alone before each batch
 * (lib/sync/engine/make-way.ts); that only works if "busy" sees them. Checked on the
 * databases the app runs on: PGlite in its worker thread, and PostgreSQL's pool.
 */
const targets = [{ name: 'pglite (worker thread, as the app runs it)', open: () => openPglite(null, { thread: true }) }, ...testDatabases().filter((d) => d.name === 'postgres')];

describe.each(targets)('databaseBusy on $name', ({ open }) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  test('0 at rest; counts a statement in flight and a transaction held open; 0 again after', async () => {
    expect(databaseBusy(database.db)).toBe(0);

    // A drizzle query starts when it is awaited or `then`-ed, not when built.
    let answered = false;
    const slow = Promise.resolve(database.db.execute(sql`select pg_sleep(0.5)`)).then(() => (answered = true));
    // Seen busy while the statement is out (polled: a fixed sleep could outlast it on a loaded machine).
    let seenBusy = false;
    while (!answered && !seenBusy) {
      seenBusy = databaseBusy(database.db) > 0;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(seenBusy).toBe(true);
    await slow;
    expect(databaseBusy(database.db)).toBe(0);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      began();
      await held; // between statements: no statement in flight, the connection still held
    });
    await begun;
    expect(databaseBusy(database.db)).toBeGreaterThan(0);
    release();
    await transaction;
    expect(databaseBusy(database.db)).toBe(0);
  });
});

test('PGlite on the caller’s own thread (tests, scripts) is never busy for anyone else', async () => {
  const database = await openPglite(null);
  try {
    expect(databaseBusy(database.db)).toBe(0);
  } finally {
    await database.close();
  }
});
