import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientInputSchema } from '@/lib/validation/client';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { createClientUnlessDuplicate, updateClientUnlessDuplicate } from './client-duplicate-guard';
import { createClient, getClient, listClients } from './clients';
import { clientListQuerySchema } from '@/lib/validation/client';

const input = (raw: Record<string, unknown>) => clientInputSchema.parse(raw);

describe.each(testDatabases())('the client form save refuses a likely duplicate once, on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));

  const namesLike = async (member: typeof a.admin, q: string) => (await listClients(member, clientListQuerySchema.parse({ q }))).rows.map((row) => row.name).sort();

  test('the same name, as normalised, is refused without the confirmation, naming the client; with it, saved', async () => {
    const existing = await createClient(a.admin, input({ name: 'Acacia Dental Ltd' }));

    const refused = await createClientUnlessDuplicate(a.admin, input({ name: 'acacia dental ltd', email: 'desk@acacia.example' }), []);
    expect(refused).toEqual({ saved: false, duplicates: [{ clientId: existing.id, name: 'Acacia Dental Ltd', why: 'same name', needsConfirming: true }] });
    expect(await namesLike(a.admin, 'acacia')).toEqual(['Acacia Dental Ltd']);

    const saved = await createClientUnlessDuplicate(a.author, input({ name: 'acacia dental ltd' }), [existing.id]);
    expect(saved).toEqual({ saved: true, result: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(await namesLike(a.admin, 'acacia')).toEqual(['Acacia Dental Ltd', 'acacia dental ltd']);

    // A confirmation covers the clients it was given: a third is asked about both, once more.
    const third = await createClientUnlessDuplicate(a.admin, input({ name: 'ACACIA DENTAL LTD' }), [existing.id]);
    expect(third.saved).toBe(false);
    expect(third.saved ? [] : third.duplicates.map((d) => d.name).sort()).toEqual(['Acacia Dental Ltd', 'acacia dental ltd']);
  });

  test('the same tax number, however spaced, is refused too; a name only like another one warns but is saved', async () => {
    const existing = await createClient(a.admin, input({ name: 'Bluegum Physiotherapy', taxNumber: '123456782' }));
    const byTax = await createClientUnlessDuplicate(a.admin, input({ name: 'Wattle Ventures', taxNumber: '123 456 782' }), []);
    expect(byTax).toEqual({ saved: false, duplicates: [{ clientId: existing.id, name: 'Bluegum Physiotherapy', why: 'same tax number', needsConfirming: true }] });

    const similar = await createClientUnlessDuplicate(a.admin, input({ name: 'Bluegum Physio' }), []);
    expect(similar.saved).toBe(true);
  });

  test("another practice's client is no duplicate", async () => {
    await createClient(a.admin, input({ name: 'Kookaburra Accounting', taxNumber: '987654321' }));
    const saved = await createClientUnlessDuplicate(b.admin, input({ name: 'Kookaburra Accounting', taxNumber: '987 654 321' }), []);
    expect(saved.saved).toBe(true);
    expect(await namesLike(b.admin, 'kookaburra')).toEqual(['Kookaburra Accounting']);
  });

  test('editing a client is never refused against itself; renaming it to another client’s name is', async () => {
    const { id } = await createClient(a.admin, input({ name: 'Coastal Plumbing Pty Ltd', taxNumber: '555666777' }));
    const version = async () => (await getClient(a.admin, id))!.version;

    // Its own name and tax number, a new phone: saved.
    expect(await updateClientUnlessDuplicate(a.admin, id, await version(), input({ name: 'Coastal Plumbing Pty Ltd', taxNumber: '555666777', phone: '02 9000 0000' }), [])).toEqual(
      {
        saved: true,
        result: undefined,
      },
    );
    // Its name re-cased and its tax number re-spaced (each asked about again): still only itself.
    expect((await updateClientUnlessDuplicate(a.admin, id, await version(), input({ name: 'COASTAL PLUMBING PTY LTD', taxNumber: '555 666 777' }), [])).saved).toBe(true);
    expect((await getClient(a.admin, id))?.name).toBe('COASTAL PLUMBING PTY LTD');

    const other = await createClient(a.admin, input({ name: 'Harbour Electrical' }));
    const renamed = await updateClientUnlessDuplicate(a.admin, id, await version(), input({ name: 'Harbour Electrical' }), []);
    expect(renamed).toEqual({ saved: false, duplicates: [{ clientId: other.id, name: 'Harbour Electrical', why: 'same name', needsConfirming: true }] });
    expect((await getClient(a.admin, id))?.name).toBe('COASTAL PLUMBING PTY LTD');
    expect((await updateClientUnlessDuplicate(a.admin, id, await version(), input({ name: 'Harbour Electrical' }), [other.id])).saved).toBe(true);
  });
});
