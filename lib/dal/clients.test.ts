import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientContacts, clientFieldProvenance, clientLinks, clients, syncRuns } from '@/db/schema';
import { setJobQueueForTests } from '@/lib/jobs/process-queue';
import { connectApp } from '@/lib/jobs/testing/fixtures';
import { recordingQueue } from '@/lib/jobs/testing/recording-queue';
import { clientInputSchema, clientListQuerySchema } from '@/lib/validation/client';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { getClientSync } from './client-sync';
import { createClientFromRecord } from '@/lib/commands/clients';
import { loadClientsForSync } from '@/lib/commands/client-sync-batch';
import { memberActor } from '@/lib/commands/actor';
import { canonicalRecord } from '@/lib/sync/testing/canonical-record';
import { listSyncHealth } from './sync-health';
import { createClient, getClient, listClients, setClientArchived, STALE_EDIT_MESSAGE, updateClient } from './clients';

const input = (raw: Record<string, unknown>) => clientInputSchema.parse(raw);
const query = (raw: Record<string, unknown> = {}) => clientListQuerySchema.parse(raw);

describe.each(testDatabases())('clients DAL on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;
  let b: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
    b = await createPracticeMembers(database.db, 'Beta');
  });
  afterAll(() => uninstallTestDatabase(database));

  test('create, read back every field and contacts, and search by name, email and tax number', async () => {
    const { id } = await createClient(
      a.author,
      input({
        name: 'Harbour Dental Pty Ltd',
        email: 'Reception@HarbourDental.example',
        taxNumber: '987 654 321',
        streetLine1: '1 Quay St',
        streetCity: 'Sydney',
        contacts: [
          { name: 'Dr Lee', email: 'lee@harbourdental.example', isPrimary: 'on' },
          { name: 'Pat Front', phone: '02 9999 0000' },
        ],
      }),
    );
    const client = await getClient(a.admin, id);
    expect(client).toMatchObject({ name: 'Harbour Dental Pty Ltd', email: 'reception@harbourdental.example', streetCity: 'Sydney', archived: false, version: 1 });
    expect(client?.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Dr Lee', true],
      ['Pat Front', false],
    ]);
    for (const q of ['harbour', 'HARBOURDENTAL.example', '654 3', '654  3', 'dental pty', 'harbour  dental', 'Dental HARBOUR']) {
      const page = await listClients(a.author, query({ q }));
      expect(
        page.rows.map((r) => r.id),
        q,
      ).toContain(id);
    }
    expect((await listClients(a.author, query({ q: '100%_' }))).rows).toEqual([]);
  });

  test('another practice cannot see, list, change or archive the client', async () => {
    const { id } = await createClient(a.admin, input({ name: 'Secret Widgets' }));
    expect(await getClient(b.admin, id)).toBeNull();
    expect((await listClients(b.admin, query({ q: 'Secret Widgets', status: 'all' }))).rows).toEqual([]);
    await expect(updateClient(b.admin, id, 1, input({ name: 'Stolen' }))).rejects.toThrow('That client does not exist.');
    await expect(setClientArchived(b.admin, id, true)).rejects.toThrow('That client does not exist.');
    const [row] = await database.db.select({ name: clients.name, archivedAt: clients.archivedAt, version: clients.version }).from(clients).where(eq(clients.id, id));
    expect(row).toEqual({ name: 'Secret Widgets', archivedAt: null, version: 1 });
  });

  test('a stale edit is detected instead of overwriting', async () => {
    const { id } = await createClient(a.admin, input({ name: 'Versioned Co' }));
    await updateClient(a.admin, id, 1, input({ name: 'Versioned Co (first)' }));
    await expect(updateClient(a.author, id, 1, input({ name: 'Versioned Co (second)' }))).rejects.toThrow(STALE_EDIT_MESSAGE);
    expect((await getClient(a.admin, id))?.name).toBe('Versioned Co (first)');
  });

  test("editing contacts updates, adds, removes and moves the primary flag; another client's contact id is refused", async () => {
    const { id } = await createClient(a.admin, input({ name: 'Contacts Co', contacts: [{ name: 'One', isPrimary: true }, { name: 'Two' }] }));
    const before = await getClient(a.admin, id);
    const [one, two] = before!.contacts;
    await updateClient(a.admin, id, 1, input({ name: 'Contacts Co', contacts: [{ id: two!.id, name: 'Two renamed', isPrimary: true }, { name: 'Three' }] }));
    const after = await getClient(a.admin, id);
    expect(after?.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Two renamed', true],
      ['Three', false],
    ]);
    expect(after?.contacts.some((c) => c.id === one!.id)).toBe(false);

    const other = await createClient(b.admin, input({ name: 'Other', contacts: [{ name: 'Theirs' }] }));
    const theirs = (await getClient(b.admin, other.id))!.contacts[0]!;
    await expect(updateClient(a.admin, id, 2, input({ name: 'Contacts Co', contacts: [{ id: theirs.id, name: 'Hijacked' }] }))).rejects.toThrow(/contact changed/);
    const [kept] = await database.db.select({ name: clientContacts.name }).from(clientContacts).where(eq(clientContacts.id, theirs.id));
    expect(kept?.name).toBe('Theirs');
  });

  test('the database itself refuses a second primary contact', async () => {
    const { id } = await createClient(a.admin, input({ name: 'Primary Co', contacts: [{ name: 'P', isPrimary: true }] }));
    await expect(database.db.insert(clientContacts).values({ practiceId: a.practiceId, clientId: id, name: 'Q', isPrimary: true })).rejects.toThrow();
  });

  test('archive and restore; filters by status; nothing is deleted', async () => {
    const { id } = await createClient(a.admin, input({ name: 'Archivable Ltd' }));
    await setClientArchived(a.author, id, true);
    expect((await listClients(a.admin, query({ q: 'Archivable' }))).rows).toEqual([]);
    expect((await listClients(a.admin, query({ q: 'Archivable', status: 'archived' }))).rows.map((r) => r.id)).toEqual([id]);
    await setClientArchived(a.author, id, false);
    expect((await listClients(a.admin, query({ q: 'Archivable' }))).rows.map((r) => r.archived)).toEqual([false]);
  });

  test('sorting and pagination are stable', async () => {
    for (let i = 0; i < 30; i++) await createClient(b.author, input({ name: `Paged ${String(i).padStart(2, '0')}` }));
    const first = await listClients(b.author, query({ q: 'Paged', sort: 'name' }));
    const second = await listClients(b.author, query({ q: 'Paged', sort: 'name', page: 2 }));
    expect(first.total).toBe(30);
    expect(first.pageCount).toBe(2);
    expect(first.rows[0]?.name).toBe('Paged 00');
    expect(second.rows.map((r) => r.name)).toEqual(['Paged 25', 'Paged 26', 'Paged 27', 'Paged 28', 'Paged 29']);
    const desc = await listClients(b.author, query({ q: 'Paged', sort: '-name' }));
    expect(desc.rows[0]?.name).toBe('Paged 29');
    const beyond = await listClients(b.author, query({ q: 'Paged', page: 99 }));
    expect(beyond.page).toBe(2);
  });

  test("a hand edit records the member as the changed fields' provenance, in place of the app; untouched fields keep the app's", async () => {
    const { id } = await createClient(
      a.author,
      input({ name: 'Provenance Co', email: 'Accounts@Provenance.example', streetLine1: '1 Old St', contacts: [{ name: 'Pat', email: 'pat@provenance.example' }] }),
    );
    // As XPM wrote it: the form would have lowercased it.
    await database.db.update(clients).set({ email: 'Accounts@Provenance.example' }).where(eq(clients.id, id));
    const fields = ['name', 'email', 'streetLine1', 'contacts'] as const;
    await database.db.insert(clientFieldProvenance).values(fields.map((field) => ({ practiceId: a.practiceId, clientId: id, field, app: 'xpm' as const })));
    const written = async () =>
      ((await getClientSync(a.admin, id))?.fields ?? []).map((p) => [p.field, p.app ?? `edited by ${p.editedByName}`]).sort(([x], [y]) => String(x).localeCompare(String(y)));
    const current = (await getClient(a.admin, id))!;
    const contacts = current.contacts.map((c) => ({ ...c }));

    // The street changes, and a website is added; the email is saved as it was (the form lowercases it); contacts as they were.
    await updateClient(
      a.author,
      id,
      1,
      input({ name: 'Provenance Co', email: 'accounts@provenance.example', website: 'https://provenance.example', streetLine1: '2 New St', contacts }),
    );
    expect(await written()).toEqual([
      ['contacts', 'xpm'],
      ['email', 'xpm'],
      ['name', 'xpm'],
      ['streetLine1', `edited by ${a.author.name}`],
      ['website', `edited by ${a.author.name}`],
    ]);

    await updateClient(
      a.admin,
      id,
      2,
      input({
        name: 'Provenance Co',
        email: 'accounts@provenance.example',
        website: 'https://provenance.example',
        streetLine1: '2 New St',
        contacts: [...contacts, { name: 'Sam' }],
      }),
    );
    expect(await written()).toEqual([
      ['contacts', `edited by ${a.admin.name}`],
      ['email', 'xpm'],
      ['name', 'xpm'],
      ['streetLine1', `edited by ${a.author.name}`],
      ['website', `edited by ${a.author.name}`],
    ]);
    // The database allows one writer per field: an app or a member, never both or neither.
    await expect(database.db.update(clientFieldProvenance).set({ app: 'xpm' }).where(eq(clientFieldProvenance.clientId, id))).rejects.toThrow();
    await expect(database.db.update(clientFieldProvenance).set({ editedByUserId: null }).where(eq(clientFieldProvenance.clientId, id))).rejects.toThrow();
  });

  test('a client made from an XPM record shows its masked tax number as "ending 789"; a whole number typed later replaces it; a blank one keeps it', async () => {
    const c = await createPracticeMembers(database.db, 'Masked');
    const record = canonicalRecord('xpm', 'xpm-masked-1', { name: 'Masked Tax Co', taxNumber: '*****6789', taxNumberMasked: true });
    const { id } = await database.db.transaction((tx) => createClientFromRecord(tx, memberActor(c.author), 'xpm', record));

    expect(await getClient(c.author, id)).toMatchObject({ taxNumber: null, taxNumberMaskedEnding: '789' });
    // The masked form itself never leaves the server: only its ending.
    expect(JSON.stringify(await getClient(c.author, id))).not.toContain('*****');
    expect((await listClients(c.author, query({ q: 'Masked Tax' }))).rows).toMatchObject([{ taxNumber: null, taxNumberMaskedEnding: '789' }]);
    // What To-XPM pushes and workflow deployments read of a client (loadClientsForSync) never carries the masked form.
    const forSync = await database.db.transaction((tx) => loadClientsForSync(tx, memberActor(c.author), [id], { lock: false }));
    expect(forSync.get(id)?.client.taxNumber).toBeNull();
    expect(JSON.stringify(forSync.get(id))).not.toContain('6789');

    // An edit that leaves the tax number blank keeps what XPM showed.
    await updateClient(c.author, id, 1, input({ name: 'Masked Tax Co', email: 'hello@masked.example' }));
    expect(await getClient(c.author, id)).toMatchObject({ taxNumber: null, taxNumberMaskedEnding: '789' });

    // The whole number typed here replaces the ending, and the member becomes the field's writer.
    await updateClient(c.author, id, 2, input({ name: 'Masked Tax Co', email: 'hello@masked.example', taxNumber: '123 456 789' }));
    expect(await getClient(c.author, id)).toMatchObject({ taxNumber: '123 456 789', taxNumberMaskedEnding: null });
    const [row] = await database.db.select({ masked: clients.taxNumberMasked }).from(clients).where(eq(clients.id, id));
    expect(row?.masked).toBeNull();
    const provenance = (await getClientSync(c.admin, id))?.fields.find((p) => p.field === 'taxNumber');
    expect(provenance).toMatchObject({ app: null, editedByName: c.author.name });
  });

  test('the list shows which apps each client is linked to, and filters by link', async () => {
    const c = await createPracticeMembers(database.db, 'Links');
    const make = async (name: string, apps: ('xpm' | 'gusto')[]) => {
      const { id } = await createClient(c.author, input({ name }));
      for (const app of apps) await database.db.insert(clientLinks).values({ practiceId: c.practiceId, clientId: id, app, externalId: `${app}-${name}` });
      return id;
    };
    const both = await make('Both Apps Co', ['gusto', 'xpm']);
    const xpm = await make('XPM Only Co', ['xpm']);
    const gusto = await make('Gusto Only Co', ['gusto']);
    const none = await make('Unlinked Co', []);

    const all = await listClients(c.author, query());
    expect(Object.fromEntries(all.rows.map((r) => [r.name, r.links]))).toMatchObject({
      'Both Apps Co': ['xpm', 'gusto'],
      'XPM Only Co': ['xpm'],
      'Gusto Only Co': ['gusto'],
      'Unlinked Co': [],
    });
    const ids = async (link: string) => (await listClients(c.author, query({ link }))).rows.map((r) => r.id).sort();
    expect(await ids('xpm')).toEqual([both, xpm].sort());
    expect(await ids('gusto')).toEqual([both, gusto].sort());
    expect(await ids('none')).toEqual([none]);
    expect((await listClients(c.author, query({ link: 'none' }))).total).toBe(1);
    expect(await ids('nonsense')).toHaveLength(4);
    // Scoped by practice: the other practice sees none of these links.
    expect((await listClients(b.author, query({ link: 'xpm' }))).rows.map((r) => r.id)).not.toContain(xpm);
  });

  test('filters by link state: records archived or deleted in an app, per app, with the state on each row', async () => {
    const c = await createPracticeMembers(database.db, 'Link states');
    const make = async (name: string, links: { app: 'xpm' | 'gusto'; status: 'active' | 'external_archived' | 'external_deleted' }[]) => {
      const { id } = await createClient(c.author, input({ name }));
      for (const { app, status } of links) await database.db.insert(clientLinks).values({ practiceId: c.practiceId, clientId: id, app, externalId: `${app}-${name}`, status });
      return id;
    };
    const archivedInXpm = await make('Archived In XPM Co', [
      { app: 'xpm', status: 'external_archived' },
      { app: 'gusto', status: 'active' },
    ]);
    const deletedInXpm = await make('Deleted In XPM Co', [{ app: 'xpm', status: 'external_deleted' }]);
    const archivedInGusto = await make('Archived In Gusto Co', [{ app: 'gusto', status: 'external_archived' }]);
    const active = await make('Active Links Co', [
      { app: 'xpm', status: 'active' },
      { app: 'gusto', status: 'active' },
    ]);
    await make('Unlinked State Co', []);
    // Another practice's link in the same state stays out of this practice's list, and this one's out of theirs.
    const elsewhere = await createPracticeMembers(database.db, 'Link states elsewhere');
    const { id: theirs } = await createClient(elsewhere.author, input({ name: 'Their Archived Co' }));
    await database.db
      .insert(clientLinks)
      .values({ practiceId: elsewhere.practiceId, clientId: theirs, app: 'xpm', externalId: 'xpm-Archived In XPM Co', status: 'external_archived' });

    const ids = async (link: string, member = c.author) => (await listClients(member, query({ link }))).rows.map((r) => r.id).sort();
    expect(await ids('xpm-archived')).toEqual([archivedInXpm]);
    expect(await ids('xpm-deleted')).toEqual([deletedInXpm]);
    expect(await ids('gusto-archived')).toEqual([archivedInGusto]);
    expect(await ids('gusto-deleted')).toEqual([]);
    // "Linked to XPM" still counts every XPM link, whatever its state: the record is linked, only gone upstream.
    expect(await ids('xpm')).toEqual([archivedInXpm, deletedInXpm, active].sort());
    expect(await ids('xpm-archived', elsewhere.admin)).toEqual([theirs]);

    const page = await listClients(c.admin, query({ link: 'any' }));
    const row = (id: string) => page.rows.find((r) => r.id === id);
    expect(row(archivedInXpm)).toMatchObject({ links: ['xpm', 'gusto'], upstream: [{ app: 'xpm', state: 'archived' }] });
    expect(row(deletedInXpm)).toMatchObject({ links: ['xpm'], upstream: [{ app: 'xpm', state: 'deleted' }] });
    expect(row(active)?.upstream).toEqual([]);

    // The Dashboard's figures count exactly the clients their links open (issue 12: each figure links to its fix).
    await connectApp(database.db, c.practiceId, 'xpm', { inbound: true });
    await connectApp(database.db, c.practiceId, 'gusto', { inbound: false });
    const health = Object.fromEntries((await listSyncHealth(c.admin)).map((h) => [h.overview.app, h.links]));
    for (const app of ['xpm', 'gusto'] as const) {
      expect(health[app]?.archivedUpstream, app).toBe((await listClients(c.admin, query({ link: `${app}-archived` }))).total);
      expect(health[app]?.deletedUpstream, app).toBe((await listClients(c.admin, query({ link: `${app}-deleted` }))).total);
    }
    expect(health.xpm).toMatchObject({ archivedUpstream: 1, deletedUpstream: 1 });

    // Paging and search keep the filter: one per page is still the archived one, and a search narrows it.
    expect((await listClients(c.author, query({ link: 'xpm-archived', q: 'archived in' }))).rows.map((r) => r.id)).toEqual([archivedInXpm]);
    expect((await listClients(c.author, query({ link: 'xpm-archived', q: 'deleted' }))).total).toBe(0);
    expect((await listClients(c.author, query({ link: 'xpm-archived', page: 5 }))).page).toBe(1);
  });

  test('saving a client linked to XPM set To XPM queues a To-XPM run naming the member and enqueues its job; an unlinked client asks for none', async () => {
    const recorder = recordingQueue();
    setJobQueueForTests(recorder.queue);
    try {
      const c = await createPracticeMembers(database.db, 'Gamma');
      await connectApp(database.db, c.practiceId, 'xpm', { inbound: false });
      const { id } = await createClient(c.author, input({ name: 'Linked Co' }));
      const { id: unlinked } = await createClient(c.author, input({ name: 'Unlinked Co' }));
      await database.db.insert(clientLinks).values({ practiceId: c.practiceId, clientId: id, app: 'xpm', externalId: 'xpm-linked-co' });

      await updateClient(c.author, unlinked, 1, input({ name: 'Unlinked Co', email: 'a@unlinked.example' }));
      expect(await database.db.select().from(syncRuns).where(eq(syncRuns.practiceId, c.practiceId))).toEqual([]);

      await updateClient(c.author, id, 1, input({ name: 'Linked Co', email: 'a@linked.example' }));
      const runs = await database.db
        .select({ id: syncRuns.id, direction: syncRuns.direction, trigger: syncRuns.trigger, by: syncRuns.requestedByUserId, status: syncRuns.status })
        .from(syncRuns)
        .where(eq(syncRuns.practiceId, c.practiceId));
      expect(runs).toEqual([{ id: expect.any(String), direction: 'to_app', trigger: 'edit', by: c.author.userId, status: 'queued' }]);
      expect(recorder.enqueued.map((e) => e.data)).toEqual([{ practiceId: c.practiceId, app: 'xpm', runId: runs[0]!.id }]);
    } finally {
      setJobQueueForTests(null);
    }
  });
});
