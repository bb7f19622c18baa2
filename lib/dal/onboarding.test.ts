import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { connections, syncRuns, type SyncRunStatus, type SyncTrigger } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { getWizard } from './onboarding';

type Practice = Awaited<ReturnType<typeof createPracticeMembers>>;

/**
 * The practice's own state behind the wizard's step list (getWizard's practiceState): read from
 * its connections and runs, whatever pass the wizard is in, and never another practice's.
 */
describe.each(testDatabases())('the wizard reads what the practice has set up, on $name', (target) => {
  let database: OpenDatabase;
  let a: Practice;
  let b: Practice;

  const run = (practice: Practice, trigger: SyncTrigger, status: SyncRunStatus) =>
    database.db.insert(syncRuns).values({ practiceId: practice.practiceId, app: 'xpm', direction: 'from_app', syncData: 'everything', trigger, status });
  const stateOfA = async () => (await getWizard(a.admin)).practiceState;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Setting Up');
    b = await createPracticeMembers(database.db, 'Other Practice');
  });
  afterAll(() => uninstallTestDatabase(database));

  test('a new practice has done nothing', async () => {
    expect(await stateOfA()).toEqual({ appsConnected: false, settingsChosen: false, syncRun: false });
  });

  test('another practice’s apps, settings and sync count for nothing here', async () => {
    await database.db.insert(connections).values({ practiceId: b.practiceId, app: 'xpm', status: 'connected', syncData: 'everything', syncDirection: 'from_app' });
    await run(b, 'manual', 'succeeded');
    expect(await stateOfA()).toEqual({ appsConnected: false, settingsChosen: false, syncRun: false });
  });

  test('an app connected with the safe defaults (Sync data Nothing): connected, no settings chosen', async () => {
    await database.db.insert(connections).values({ practiceId: a.practiceId, app: 'xpm', status: 'connected' });
    expect(await stateOfA()).toMatchObject({ appsConnected: true, settingsChosen: false });
  });

  test('Sync data chosen for a connected app: settings chosen', async () => {
    await database.db.update(connections).set({ syncData: 'everything' }).where(eq(connections.practiceId, a.practiceId));
    expect(await stateOfA()).toMatchObject({ appsConnected: true, settingsChosen: true });
  });

  test('a run that failed, still runs, or was no sync of the client list (a deploy, an undo, one client’s edit) is no sync run', async () => {
    await run(a, 'manual', 'failed');
    await run(a, 'schedule', 'running');
    await run(a, 'webhook', 'cancelled');
    await run(a, 'onboarding', 'needs_review');
    await run(a, 'workflow', 'succeeded');
    await run(a, 'edit', 'succeeded');
    await run(a, 'undo', 'succeeded');
    expect((await stateOfA()).syncRun).toBe(false);
  });

  test.each([
    ['the wizard’s first sync that succeeded', 'onboarding', 'succeeded'],
    ['a scheduled sync that ended with errors', 'schedule', 'partial'],
  ] as const)('a sync run: %s', async (_, trigger, status) => {
    const [inserted] = await run(a, trigger, status).returning({ id: syncRuns.id });
    expect((await stateOfA()).syncRun).toBe(true);
    await database.db.delete(syncRuns).where(eq(syncRuns.id, inserted!.id));
  });

  test('an app disconnected is no app connected, and its settings are no choice', async () => {
    await database.db.update(connections).set({ status: 'disconnected' }).where(eq(connections.practiceId, a.practiceId));
    expect(await stateOfA()).toMatchObject({ appsConnected: false, settingsChosen: false });
  });
});
