import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { queryRows } from '@/db/open';
import { clientFieldProvenance, clients, practices, syncRuns } from '@/db/schema';
import { testDatabases } from '@/test/databases';

/**
 * client_field_provenance's references are checked by statement triggers instead of foreign
 * keys (migration 0009, for a run's speed): they must refuse and cascade exactly as the keys did.
 */
const sqlStateOf = (error: unknown): string | undefined => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
};

async function expectRefused(write: Promise<unknown>): Promise<void> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the write was accepted').not.toBeNull();
  expect(sqlStateOf(error)).toBe('23503');
}

describe.each(testDatabases())('provenance references on $name', ({ open }) => {
  test('a row must name a client of its own practice and an existing run; a client deleted takes its rows; a named run cannot be deleted', async () => {
    const database = await open();
    const { db } = database;
    try {
      const [a, b] = await db
        .insert(practices)
        .values([{ name: 'Practice A' }, { name: 'Practice B' }])
        .returning({ id: practices.id });
      const [clientA, clientB] = await db
        .insert(clients)
        .values([
          { practiceId: a!.id, name: 'Blue Gum Physio' },
          { practiceId: b!.id, name: 'Other Practice Client' },
        ])
        .returning({ id: clients.id });
      const [run] = await db
        .insert(syncRuns)
        .values({ practiceId: a!.id, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'manual' })
        .returning({ id: syncRuns.id });
      const row = (over: Partial<typeof clientFieldProvenance.$inferInsert>) => ({
        practiceId: a!.id,
        clientId: clientA!.id,
        field: 'name' as const,
        app: 'gusto' as const,
        syncRunId: run!.id,
        ...over,
      });

      // Accepted: both references hold, in one statement with several rows and as an upsert.
      await db.insert(clientFieldProvenance).values([row({}), row({ field: 'email', syncRunId: null })]);
      await db
        .insert(clientFieldProvenance)
        .values(row({ app: 'xpm' }))
        .onConflictDoUpdate({ target: [clientFieldProvenance.clientId, clientFieldProvenance.field], set: { app: 'xpm' } });

      // Refused: a client that does not exist, another practice's client, a run that does not
      // exist — also when only one row of a statement is wrong, and through an upsert's update.
      await expectRefused(db.insert(clientFieldProvenance).values(row({ clientId: '00000000-0000-4000-8000-000000000000' })));
      await expectRefused(db.insert(clientFieldProvenance).values([row({ field: 'phone' }), row({ clientId: clientB!.id })]));
      await expectRefused(db.insert(clientFieldProvenance).values(row({ field: 'phone', syncRunId: '00000000-0000-4000-8000-000000000001' })));
      await expectRefused(db.update(clientFieldProvenance).set({ syncRunId: '00000000-0000-4000-8000-000000000001' }).where(eq(clientFieldProvenance.clientId, clientA!.id)));
      const kept = await db.select().from(clientFieldProvenance).where(eq(clientFieldProvenance.clientId, clientA!.id));
      expect(kept.map((p) => [p.field, p.app]).sort()).toEqual([
        ['email', 'gusto'],
        ['name', 'xpm'],
      ]);

      // A run that provenance names cannot be deleted (as NO ACTION did).
      await expectRefused(db.delete(syncRuns).where(eq(syncRuns.id, run!.id)));

      // Deleting a client deletes its provenance (as ON DELETE CASCADE did), and only its own.
      await db.insert(clientFieldProvenance).values(row({ practiceId: b!.id, clientId: clientB!.id, syncRunId: null }));
      await db.delete(clients).where(eq(clients.id, clientA!.id));
      const left = await queryRows<{ client_id: string }>(db, sql`select client_id from client_field_provenance`);
      expect(left).toEqual([{ client_id: clientB!.id }]);
    } finally {
      await database.close();
    }
  });
});
