import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients } from '@/db/schema';
import { directoryRow, upsertDirectory } from '@/lib/integrations/directory-upsert';
import { connectXpmToXpm } from '@/lib/integrations/testing/direct-connection';
import { startSandbox } from '@/lib/sandbox/server';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { previewAppSync } from './sync-preview';

/**
 * What a preview gives the pages (the app's preview, a paused run's review): XPM keeps tax
 * numbers masked ("*****6789"), the only "before" a push knows; the pages say it by its ending,
 * as the client list does, and the masked form never leaves the server.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, testMode: true });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.DATA_DIR = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ps-preview-dal-`);
});
afterAll(() => sandbox?.close());

describe.each(testDatabases())('sync preview as the pages get it, on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  test("To XPM: XPM's masked tax number is shown by its ending, four digits where ours ends in the same three", async () => {
    const practice = await createPracticeMembers(database.db, 'Preview Masked');
    const { grant, xpm } = await connectXpmToXpm(database.db, sandbox.url, practice);
    const stamp = Date.now();
    const differs = await xpm.addClient({ name: `Ending Differs ${stamp}`, taxNumber: '123456789' });
    const sameThree = await xpm.addClient({ name: `Same Three ${stamp}`, taxNumber: '123456789' });
    await upsertDirectory(database.db, [directoryRow(practice.practiceId, grant.id, differs), directoryRow(practice.practiceId, grant.id, sameThree)]);
    for (const [record, taxNumber] of [
      [differs, '123 456 111'],
      [sameThree, '123 455 789'],
    ] as const) {
      const [client] = await database.db.insert(clients).values({ practiceId: practice.practiceId, name: record.name, taxNumber }).returning({ id: clients.id });
      await database.db.insert(clientLinks).values({ practiceId: practice.practiceId, clientId: client!.id, app: 'xpm', externalId: record.externalId });
    }

    const preview = await previewAppSync(practice.admin, 'xpm');
    const taxOf = (name: string) => preview!.changes.find((c) => c.clientName === name)?.fields.find((f) => f.field === 'taxNumber');
    expect(taxOf(differs.name)).toEqual({ field: 'taxNumber', before: 'ending 789', after: '123 456 111' });
    expect(taxOf(sameThree.name)).toEqual({ field: 'taxNumber', before: 'ending 6789', after: '123 455 789' });
    expect(JSON.stringify(preview)).not.toContain('*****');
  });
});
