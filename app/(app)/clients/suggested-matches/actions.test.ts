import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, dismissedMatchSuggestions } from '@/db/schema';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import type { Member } from '@/lib/dal/session';
import { listSuggestedMatches } from '@/lib/dal/suggested-matches/review';
import { BULK_CONFIDENCE_CHOICES } from '@/lib/sync/matching';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { snapshotIncludes } from './_components/decision-tally';

/**
 * The suggested-match actions called directly, as a forged request would: the session is
 * mocked; zod, roles, the DAL and the database are real.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock('@/lib/dal/session', () => ({ currentMember: async () => session.member, requireMember: async () => session.member }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { confirmSuggestionAction, confirmSuggestionsAction, dismissSuggestionAction, previewBulkConfirmAction } = await import('./actions');

describe.each(testDatabases())('suggested-match actions on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;
  let pair: { clientId: string; app: 'xpm'; externalId: string };
  const linksOf = (practiceId: string) => database.db.select({ id: clientLinks.id }).from(clientLinks).where(eq(clientLinks.practiceId, practiceId));

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
    await connectApps(database.db, a.practiceId, ['xpm']);
    const [row] = await database.db.insert(clients).values({ practiceId: a.practiceId, name: 'Valley Marketing LLC' }).returning({ id: clients.id });
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'x-valley', { name: 'Valley Marekting LLC' }));
    pair = { clientId: row!.id, app: 'xpm', externalId: 'x-valley' };
  });
  afterAll(() => uninstallTestDatabase(database));

  test('signed out, an author, or another practice’s admin: refused with a code, nothing written', async () => {
    for (const [member, code] of [
      [null, 'signed_out'],
      [a.author, 'forbidden'],
      [b.admin, 'not_found'],
    ] as const) {
      session.member = member;
      expect(await confirmSuggestionAction(pair)).toMatchObject({ ok: false, code });
      expect(await dismissSuggestionAction(pair)).toMatchObject({ ok: false, code });
    }
    session.member = a.author;
    expect(await previewBulkConfirmAction({ minConfidence: 50 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await confirmSuggestionsAction({ pairs: [pair] })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await linksOf(a.practiceId)).toEqual([]);
    expect(await database.db.select().from(dismissedMatchSuggestions)).toEqual([]);
  });

  test('malformed input is refused as invalid', async () => {
    session.member = a.admin;
    expect(await confirmSuggestionAction({ ...pair, app: 'quickbooks' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await previewBulkConfirmAction({ minConfidence: 100 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await confirmSuggestionsAction({ pairs: [] })).toMatchObject({ ok: false, code: 'invalid' });
  });

  test('an admin previews, then confirms exactly the previewed pair; a second confirmation links nothing', async () => {
    session.member = a.admin;
    const preview = await previewBulkConfirmAction({ minConfidence: 50 });
    expect(preview).toMatchObject({ ok: true, data: { link: [{ clientId: pair.clientId, externalId: 'x-valley' }], skipped: [] } });
    expect(await confirmSuggestionsAction({ pairs: [pair] })).toMatchObject({ ok: true, data: { linked: 1, summary: 'Linked 1 pair.' } });
    expect(await confirmSuggestionAction(pair)).toEqual({
      ok: true,
      data: {
        outcome: 'already_linked',
        receipt: { xid: expect.stringMatching(/^\d+$/), tally: { total: 0, atOrAbove: { 90: 0, 80: 0, 70: 0, 60: 0, 50: 0 }, linkable: { 90: 0, 80: 0, 70: 0, 60: 0, 50: 0 } } },
      },
    });
    expect(await linksOf(a.practiceId)).toHaveLength(1);
  });

  test('each decision answers with its transaction and the counts after it: a listing read before it does not include it, one read after does', async () => {
    session.member = a.admin;
    const [kowhai, bluegum] = await database.db
      .insert(clients)
      .values([
        { practiceId: a.practiceId, name: 'Kowhai Landscaping Ltd' },
        { practiceId: a.practiceId, name: 'Bluegum Physiotherapy' },
      ])
      .returning({ id: clients.id });
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'x-kowhai', { name: 'Kowhai Landscpaing Ltd' }));
    await insertDirectoryRecord(database.db, a.practiceId, canonicalRecord('xpm', 'x-bluegum', { name: 'Blue Gum Physiotherapy Pty Ltd' }));
    const listing = () => listSuggestedMatches(a.admin, 1, BULK_CONFIDENCE_CHOICES);
    const before = await listing();
    expect(before.total).toBe(2);

    const dismissed = await dismissSuggestionAction({ clientId: kowhai!.id, app: 'xpm', externalId: 'x-kowhai' });
    if (!dismissed.ok) throw new Error(dismissed.formError);
    const between = await listing();
    expect(dismissed.data.receipt.tally).toEqual({ total: between.total, atOrAbove: between.atOrAbove, linkable: between.linkable });
    expect(between.total).toBe(1);
    expect([snapshotIncludes(before.asOf, dismissed.data.receipt.xid), snapshotIncludes(between.asOf, dismissed.data.receipt.xid)]).toEqual([false, true]);

    const linked = await confirmSuggestionAction({ clientId: bluegum!.id, app: 'xpm', externalId: 'x-bluegum' });
    if (!linked.ok) throw new Error(linked.formError);
    const after = await listing();
    expect(linked.data).toMatchObject({
      outcome: 'linked',
      receipt: { tally: { total: 0, atOrAbove: { 90: 0, 80: 0, 70: 0, 60: 0, 50: 0 }, linkable: { 90: 0, 80: 0, 70: 0, 60: 0, 50: 0 } } },
    });
    expect([snapshotIncludes(between.asOf, linked.data.receipt.xid), snapshotIncludes(after.asOf, linked.data.receipt.xid)]).toEqual([false, true]);
    expect(after.total).toBe(0);
  });
});
