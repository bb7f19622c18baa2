import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientInputSchema, clientListQuerySchema } from '@/lib/validation/client';
import { proposalContentSchema, proposalListQuerySchema } from '@/lib/validation/proposal';
import { stripControlCharacters } from '@/lib/validation/text';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { searchClientPicker } from './client-picker/search';
import { createClient, listClients } from './clients';
import { listProposals } from './proposals/list';
import { createProposal } from './proposals/save';

/**
 * A NUL in `?q=` used to reach PostgreSQL, which refuses it in text: /clients, /proposals
 * and the picker's search answered 500. What the boundary hands the DAL must search normally.
 */
describe.each(testDatabases())('searching with control characters on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    await createClient(a.author, clientInputSchema.parse({ name: 'Harbour Dental' }));
    await createProposal(a.author, proposalContentSchema.parse({ title: 'Harbour annual accounts', client: { kind: 'none' }, lines: [] }));
  });
  afterAll(() => uninstallTestDatabase(database));

  test.each(['\u0000', 'harb\u0000our', 'harbour\u0000', '\u0001harbour\u007f'])('%j', async (typed) => {
    const clientsPage = await listClients(a.author, clientListQuerySchema.parse({ q: typed }));
    const proposalsPage = await listProposals(a.author, proposalListQuerySchema.parse({ q: typed }));
    const picker = await searchClientPicker(a.author, stripControlCharacters(typed));
    if (typed === '\u0000') {
      expect(clientsPage.total).toBe(1); // no search at all
      return;
    }
    expect(clientsPage.rows.map((r) => r.name)).toEqual(['Harbour Dental']);
    expect(proposalsPage.rows.map((r) => r.title)).toEqual(['Harbour annual accounts']);
    expect(picker.groups.flatMap((g) => g.entries.map((e) => e.name))).toContain('Harbour Dental');
  });
});
