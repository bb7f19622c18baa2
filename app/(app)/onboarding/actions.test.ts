import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clientLinks, clients, connections, oauthStates, onboardingWizard, practices, settingsAudit, syncRuns } from '@/db/schema';
import { canonicalRecord, connectApps, insertDirectoryRecord } from '@/lib/dal/client-picker/directory-fixture';
import type { Member } from '@/lib/dal/session';
import { decodeNotice } from '@/lib/integrations/notice';
import { connectNoticeText } from '@/lib/onboarding/connect-notice';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/**
 * The wizard's actions called directly, as a forged request would: the session is whoever we
 * say; zod, roles, the DAL, the commands and the database are real. `redirect` throws, as
 * Next's does, so a step that succeeds is seen by where it sends the browser.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock('@/lib/dal/session', () => ({ currentMember: async () => session.member, requireMember: async () => session.member }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'localhost:3000' }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { redirectedTo: to });
  },
}));
// The first sync's job goes to the queue after commit; here the queued run row is what counts.
vi.mock('@/lib/jobs/sync-jobs', () => ({ enqueueSyncRun: vi.fn(async () => true) }));

const actions = await import('./actions');
const { getWizard, setupWizardOffer } = await import('@/lib/dal/onboarding');
const { discardPausedSyncRun } = await import('@/lib/dal/sync-run-review');
const { GET: callback } = await import('@/app/api/integrations/[app]/callback/route');

async function where(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    const to = (error as { redirectedTo?: string }).redirectedTo;
    if (to) return { redirectedTo: to };
    throw error;
  }
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe.each(testDatabases())('onboarding wizard actions on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;

  const snapshot = async () => ({
    practice: await database.db.select({ name: practices.name, timezone: practices.timezone }).from(practices).where(eq(practices.id, a.practiceId)),
    wizard: await database.db.select().from(onboardingWizard).where(eq(onboardingWizard.practiceId, a.practiceId)),
    audit: await database.db.select({ id: settingsAudit.id }).from(settingsAudit).where(eq(settingsAudit.practiceId, a.practiceId)),
    runs: await database.db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.practiceId, a.practiceId)),
    states: await database.db.select({ hash: oauthStates.stateHash }).from(oauthStates).where(eq(oauthStates.practiceId, a.practiceId)),
    connections: await database.db
      .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
      .from(connections)
      .where(eq(connections.practiceId, a.practiceId)),
  });

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Wizard Practice');
    await database.db.insert(onboardingWizard).values({ practiceId: a.practiceId });
  });
  afterAll(() => uninstallTestDatabase(database));

  const calls = [
    ['savePracticeAction', () => actions.savePracticeAction(null, form({ practiceName: 'Hijacked', timezone: 'UTC' }))],
    ['connectFromWizardAction', () => actions.connectFromWizardAction(form({ app: 'gusto' }))],
    ['continueFromConnectAction', () => actions.continueFromConnectAction()],
    ['saveSetupAction', () => actions.saveSetupAction({ settings: null })],
    ['setImportAction', () => actions.setImportAction({ importUnlinked: true })],
    ['continueFromPreviewAction', () => actions.continueFromPreviewAction({ importUnlinked: true })],
    ['runFirstSyncAction', () => actions.runFirstSyncAction()],
    ['dismissWizardAction', () => actions.dismissWizardAction()],
    ['reopenWizardAction', () => actions.reopenWizardAction()],
  ] as const;

  test.each(calls)('%s: signed out or an author is refused and changes nothing', async (name, call) => {
    await database.db.insert(connections).values({ practiceId: a.practiceId, app: 'gusto', syncData: 'nothing', syncDirection: 'from_app' }).onConflictDoNothing();
    const before = await snapshot();
    session.member = null;
    const signedOut = await where(call);
    session.member = a.author;
    const author = await where(call);
    if (name === 'connectFromWizardAction') {
      expect(signedOut).toEqual({ redirectedTo: '/sign-in' });
      expect((author as { redirectedTo: string }).redirectedTo).toMatch(/^\/onboarding\?notice=/);
    } else {
      expect(signedOut).toMatchObject({ ok: false, code: 'signed_out' });
      expect(author).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await snapshot()).toEqual(before);
  });

  test('an admin goes through every step; each step is idempotent, and the first sync is applied and started once, audited as the wizard', async () => {
    session.member = a.admin;
    // In progress, on its first step: the Dashboard offers to start it to the admin, never to an author.
    expect(await setupWizardOffer(a.admin)).toBe('start');
    expect(await setupWizardOffer(a.author)).toBeNull();
    await database.db.delete(connections).where(eq(connections.practiceId, a.practiceId));
    const step = async () => (await database.db.select().from(onboardingWizard).where(eq(onboardingWizard.practiceId, a.practiceId)))[0]!;

    for (let i = 0; i < 2; i++) {
      expect(await where(() => actions.savePracticeAction(null, form({ practiceName: 'Renamed Practice', timezone: 'America/Chicago' })))).toEqual({ redirectedTo: '/onboarding' });
    }
    expect((await snapshot()).practice).toEqual([{ name: 'Renamed Practice', timezone: 'America/Chicago' }]);
    expect((await step()).step).toBe('connect');
    expect(await setupWizardOffer(a.admin)).toBe('continue');
    expect(await actions.savePracticeAction(null, form({ practiceName: '', timezone: 'Mars/Olympus' }))).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { practiceName: expect.any(Array), timezone: expect.any(Array) },
    });

    // With no app connected there is nothing to set up: Continue is refused and the wizard keeps its place, in progress.
    expect(await actions.continueFromConnectAction()).toMatchObject({ ok: false, code: 'refused', formError: expect.stringContaining('Connect XPM or Gusto to continue') });
    expect(await step()).toMatchObject({ step: 'connect', status: 'in_progress' });
    await database.db.insert(connections).values([
      { practiceId: a.practiceId, app: 'gusto', syncData: 'nothing', syncDirection: 'from_app' },
      { practiceId: a.practiceId, app: 'xpm', syncData: 'nothing', syncDirection: 'to_app' },
    ]);
    expect(await where(() => actions.continueFromConnectAction())).toEqual({ redirectedTo: '/onboarding' });
    expect((await step()).step).toBe('setup');
    // Two sources is what the rules refuse, with the reason.
    const twoSources = await actions.saveSetupAction({
      settings: [
        { app: 'gusto', syncData: 'everything', direction: 'from_app' },
        { app: 'xpm', syncData: 'everything', direction: 'from_app' },
      ],
    });
    expect(twoSources).toMatchObject({ ok: false, code: 'refused' });
    expect((await step()).step).toBe('setup');
    expect(await where(() => actions.saveSetupAction({ settings: null }))).toEqual({ redirectedTo: '/onboarding' });
    expect(await where(() => actions.continueFromPreviewAction({ importUnlinked: true }))).toEqual({ redirectedTo: '/onboarding' });
    expect(await step()).toMatchObject({ step: 'run', importUnlinked: true, chosenSettings: null });
    // Nothing is applied before step 5.
    expect((await snapshot()).audit).toEqual([]);

    expect(await where(() => actions.runFirstSyncAction())).toEqual({ redirectedTo: '/onboarding' });
    const once = await snapshot();
    expect(await where(() => actions.runFirstSyncAction())).toEqual({ redirectedTo: '/onboarding' });
    expect(await snapshot()).toEqual(once);
    expect(once.connections.sort((x, y) => x.app.localeCompare(y.app))).toEqual([
      { app: 'gusto', syncData: 'everything', direction: 'from_app' },
      { app: 'xpm', syncData: 'everything', direction: 'to_app' },
    ]);
    const audit = await database.db.select({ cause: settingsAudit.cause, userId: settingsAudit.userId }).from(settingsAudit).where(eq(settingsAudit.practiceId, a.practiceId));
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((row) => row.cause))).toEqual(new Set(['onboarding']));
    expect(audit.every((row) => row.userId === a.admin.userId)).toBe(true);
    const runs = await database.db.select().from(syncRuns).where(eq(syncRuns.practiceId, a.practiceId));
    expect(runs).toMatchObject([{ app: 'gusto', trigger: 'onboarding', importUnlinked: true, status: 'queued', requestedByUserId: a.admin.userId }]);
    expect(await step()).toMatchObject({ step: 'done', status: 'finished', firstRunId: runs[0]!.id });
    // The recommended setup changed the practice's settings: the summary may say "applied".
    expect((await getWizard(a.admin)).settingsApplied).toBe(true);
    // A late step from another tab cannot move a finished wizard back.
    expect(await actions.saveSetupAction({ settings: null })).toMatchObject({ ok: false, code: 'stale' });
    expect(await actions.dismissWizardAction().catch(() => null)).toBeNull();
    expect((await step()).status).toBe('finished');
    expect(await setupWizardOffer(a.admin)).toBeNull();
    // Opened again from Integrations it is in progress; "I'll do this later" stops the offer.
    expect(await where(() => actions.reopenWizardAction())).toMatchObject({ redirectedTo: expect.stringMatching(/^\/onboarding/) });
    expect(await setupWizardOffer(a.admin)).toBe('start');
    await where(() => actions.dismissWizardAction());
    expect((await step()).status).toBe('dismissed');
    expect(await setupWizardOffer(a.admin)).toBeNull();
  });

  test('the OAuth return target is the one the starting action stored; a forged state is refused and lands on Integrations, whatever the URL says', async () => {
    session.member = a.admin;
    const started = (await where(() => actions.connectFromWizardAction(form({ app: 'gusto' })))) as { redirectedTo: string };
    const state = new URL(started.redirectedTo).searchParams.get('state')!;
    expect(
      await database.db
        .select({ returnTo: oauthStates.returnTo })
        .from(oauthStates)
        .where(and(eq(oauthStates.practiceId, a.practiceId), eq(oauthStates.app, 'gusto'))),
    ).toEqual([{ returnTo: 'onboarding' }]);

    const back = (query: string) => callback(new NextRequest(`http://localhost:3000/api/integrations/gusto/callback?${query}`), { params: Promise.resolve({ app: 'gusto' }) });
    const forged = await back(`state=forged-state&code=abc&returnTo=${encodeURIComponent('https://evil.example/')}&return_to=onboarding`);
    expect(forged.status).toBe(303);
    const forgedTo = new URL(forged.headers.get('location')!);
    expect(forgedTo.origin + forgedTo.pathname).toBe('http://localhost:3000/integrations');
    expect(decodeNotice(forgedTo.searchParams.get('notice') ?? undefined)?.message).toContain('no longer valid');

    // The real state, declined at the consent page: back to the wizard's step 2 with the reason.
    const declined = await back(`state=${encodeURIComponent(state)}&error=access_denied`);
    const declinedTo = new URL(declined.headers.get('location')!);
    expect(declinedTo.pathname).toBe('/onboarding');
    const declinedNotice = decodeNotice(declinedTo.searchParams.get('notice') ?? undefined);
    expect(declinedNotice?.message).toContain('declined');
    // The step says how to try again once, with or without another app connected (a trial read "Connect again… Try again below").
    for (const hasConnections of [false, true]) expect(connectNoticeText(declinedNotice!, hasConnections).match(/again/gi)).toHaveLength(1);
    // Used once: replaying it is refused like a forgery.
    const replayed = new URL((await back(`state=${encodeURIComponent(state)}&error=access_denied`)).headers.get('location')!);
    expect(replayed.pathname).toBe('/integrations');
  });

  test('a first sync that joined a waiting scheduled run, paused for review and was discarded: the summary’s run reads discarded, as every other page says it', async () => {
    const d = await createPracticeMembers(database.db, 'Wizard Discard Practice');
    session.member = d.admin;
    await database.db.insert(onboardingWizard).values({ practiceId: d.practiceId, step: 'run', status: 'in_progress' });
    await connectApps(database.db, d.practiceId, ['gusto']);
    // The schedule's run already waits: the wizard's request joins it (it stays a scheduled run, which the mass-change guard looks at).
    const [scheduled] = await database.db
      .insert(syncRuns)
      .values({ practiceId: d.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'schedule', status: 'queued' })
      .returning({ id: syncRuns.id });
    expect(await where(() => actions.runFirstSyncAction())).toEqual({ redirectedTo: '/onboarding' });
    expect((await getWizard(d.admin)).firstRun).toMatchObject({ id: scheduled!.id, status: 'queued', discarded: false });
    // The guard pauses it (as the engine does), and the admin discards it on its page.
    await database.db.update(syncRuns).set({ status: 'needs_review', reviewReason: 'This sync needs a second look.', total: 12 }).where(eq(syncRuns.id, scheduled!.id));
    expect((await getWizard(d.admin)).firstRun).toMatchObject({ status: 'needs_review', discarded: false, total: 12, direction: 'from_app' });
    await discardPausedSyncRun(d.admin, scheduled!.id);
    expect((await getWizard(d.admin)).firstRun).toMatchObject({ id: scheduled!.id, app: 'gusto', status: 'cancelled', discarded: true, direction: 'from_app' });
    // A run stopped without a review is cancelled, not discarded.
    await database.db.update(syncRuns).set({ reviewReason: null }).where(eq(syncRuns.id, scheduled!.id));
    expect((await getWizard(d.admin)).firstRun).toMatchObject({ status: 'cancelled', discarded: false });
  });

  test('a finished wizard opened again keeps the practice’s own settings: "Run it" changes none of them and says so, unless the recommended setup is chosen in that pass', async () => {
    const e = await createPracticeMembers(database.db, 'Wizard Reopened Practice');
    session.member = e.admin;
    // Set up earlier; since then the admin chose on Integrations: Gusto's names only, nothing To XPM.
    await database.db.insert(connections).values([
      { practiceId: e.practiceId, app: 'gusto', syncData: 'client_name', syncDirection: 'from_app' },
      { practiceId: e.practiceId, app: 'xpm', syncData: 'nothing', syncDirection: 'to_app' },
    ]);
    await database.db
      .insert(syncRuns)
      .values({ practiceId: e.practiceId, app: 'gusto', direction: 'from_app', syncData: 'everything', trigger: 'onboarding', status: 'succeeded' });
    await database.db.insert(onboardingWizard).values({ practiceId: e.practiceId, step: 'done', status: 'finished' });
    const own = [
      { app: 'gusto', syncData: 'client_name', direction: 'from_app' },
      { app: 'xpm', syncData: 'nothing', direction: 'to_app' },
    ];
    const settingsOfE = async () =>
      (
        await database.db
          .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
          .from(connections)
          .where(eq(connections.practiceId, e.practiceId))
      ).sort((x, y) => x.app.localeCompare(y.app));
    const auditOfE = () => database.db.select({ app: settingsAudit.app, after: settingsAudit.after }).from(settingsAudit).where(eq(settingsAudit.practiceId, e.practiceId));
    const runsOfE = () => database.db.select({ app: syncRuns.app, trigger: syncRuns.trigger }).from(syncRuns).where(eq(syncRuns.practiceId, e.practiceId));

    expect(await where(() => actions.reopenWizardAction())).toEqual({ redirectedTo: '/onboarding' });
    // A new pass at step 1, nothing chosen in it: the wizard offers the practice's settings, changing nothing.
    expect((await getWizard(e.admin)).setup).toMatchObject({ basis: 'current', recommended: false, changes: [], source: 'gusto' });
    // Straight to "Run it" from the step list and run: the settings stay, nothing is audited, the sync runs.
    expect(await where(() => actions.runFirstSyncAction())).toEqual({ redirectedTo: '/onboarding' });
    expect(await settingsOfE()).toEqual(own);
    expect(await auditOfE()).toEqual([]);
    expect(await runsOfE()).toHaveLength(2);
    expect((await getWizard(e.admin)).settingsApplied).toBe(false);
    expect((await getWizard(e.admin)).firstRun).toMatchObject({ app: 'gusto', status: 'queued' });

    // Opened again, the recommended setup chosen on its Setup step: then, and only then, it is applied.
    await where(() => actions.reopenWizardAction());
    await database.db.update(syncRuns).set({ status: 'succeeded' }).where(eq(syncRuns.practiceId, e.practiceId));
    expect(await where(() => actions.saveSetupAction({ settings: null }))).toEqual({ redirectedTo: '/onboarding' });
    expect((await getWizard(e.admin)).setup).toMatchObject({ basis: 'chosen', recommended: true, changes: expect.arrayContaining([expect.anything()]) });
    expect(await where(() => actions.runFirstSyncAction())).toEqual({ redirectedTo: '/onboarding' });
    expect(await settingsOfE()).toEqual([
      { app: 'gusto', syncData: 'everything', direction: 'from_app' },
      { app: 'xpm', syncData: 'everything', direction: 'to_app' },
    ]);
    expect(await auditOfE()).toHaveLength(2);
  });

  test('"Keep my current settings", then a save on Integrations before "Run it": the run never writes the kept settings back; pressed on the page from before, it is refused, naming the change', async () => {
    const { applySettingsRequest } = await import('@/lib/dal/sync-settings');
    const k = await createPracticeMembers(database.db, 'Wizard Keep Practice');
    session.member = k.admin;
    // Another practice, set up the same way: nothing done here reaches it.
    const other = await createPracticeMembers(database.db, 'Wizard Keep Other Practice');
    for (const practiceId of [k.practiceId, other.practiceId]) {
      await database.db.insert(connections).values({ practiceId, app: 'gusto', syncData: 'client_name', syncDirection: 'from_app' });
      await database.db.insert(onboardingWizard).values({ practiceId, step: 'done', status: 'finished' });
    }
    const settingsOf = async (practiceId: string) =>
      database.db
        .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
        .from(connections)
        .where(eq(connections.practiceId, practiceId));
    const onboardingAudit = async () =>
      database.db
        .select({ id: settingsAudit.id })
        .from(settingsAudit)
        .where(and(eq(settingsAudit.practiceId, k.practiceId), eq(settingsAudit.cause, 'onboarding')));
    const runsOfK = async () => database.db.select({ id: syncRuns.id, syncData: syncRuns.syncData }).from(syncRuns).where(eq(syncRuns.practiceId, k.practiceId));

    // Opened again; Setup: "Keep my current settings" (Gusto's names only); Preview; the Run step loads.
    await where(() => actions.reopenWizardAction());
    expect(await where(() => actions.saveSetupAction({ settings: 'keep' }))).toEqual({ redirectedTo: '/onboarding' });
    expect(await where(() => actions.continueFromPreviewAction({ importUnlinked: false }))).toEqual({ redirectedTo: '/onboarding' });
    const runPage = await getWizard(k.admin);
    expect(runPage.setup).toMatchObject({ basis: 'current', changes: [], settings: [{ app: 'gusto', syncData: 'client_name', direction: 'from_app' }] });
    const shownThen = { current: runPage.connections.map(({ app, syncData, direction }) => ({ app, syncData, direction })), setup: runPage.setup.settings };

    // Meanwhile, in another tab, Integrations: Gusto's Sync data becomes Everything.
    await applySettingsRequest(k.admin, { kind: 'change', app: 'gusto', syncData: 'everything' });
    const newer = [{ app: 'gusto', syncData: 'everything', direction: 'from_app' }];
    // The wizard still keeps whatever the settings are: now the newer ones, changing nothing.
    expect((await getWizard(k.admin)).setup).toMatchObject({ basis: 'current', changes: [], settings: newer });

    // "Run the first sync" on the page from before: it showed Client name, so nothing is done, and the admin is told why.
    expect(await actions.runFirstSyncAction(shownThen)).toEqual({
      ok: false,
      code: 'stale',
      formError:
        'Your sync settings changed after this page loaded (on Integrations or in another tab): Gusto’s Sync data: Client name → Everything. Nothing was applied and no sync started: check what this step shows now, then try again.',
    });
    expect(await settingsOf(k.practiceId)).toEqual(newer);
    expect(await runsOfK()).toEqual([]);
    expect((await getWizard(k.admin)).step).toBe('run');

    // Pressed again on the step drawn afresh: the sync runs under the newer settings, none written back.
    const fresh = await getWizard(k.admin);
    const shownNow = { current: fresh.connections.map(({ app, syncData, direction }) => ({ app, syncData, direction })), setup: fresh.setup.settings };
    expect(await where(() => actions.runFirstSyncAction(shownNow))).toEqual({ redirectedTo: '/onboarding' });
    expect(await settingsOf(k.practiceId)).toEqual(newer);
    expect(await onboardingAudit()).toEqual([]);
    expect(await runsOfK()).toMatchObject([{ syncData: 'everything' }]);
    // The summary may not say "applied": this pass changed nothing.
    expect(await getWizard(k.admin)).toMatchObject({ step: 'done', settingsApplied: false });
    // The other practice, the same settings as before.
    expect(await settingsOf(other.practiceId)).toEqual([{ app: 'gusto', syncData: 'client_name', direction: 'from_app' }]);
  });

  test('"Keep my current settings" means the settings when the first sync runs: a direct run after a save on Integrations keeps the save', async () => {
    const { applySettingsRequest } = await import('@/lib/dal/sync-settings');
    const k = await createPracticeMembers(database.db, 'Wizard Keep Direct Practice');
    session.member = k.admin;
    await database.db.insert(connections).values([
      { practiceId: k.practiceId, app: 'gusto', syncData: 'client_name', syncDirection: 'from_app' },
      { practiceId: k.practiceId, app: 'xpm', syncData: 'nothing', syncDirection: 'to_app' },
    ]);
    await database.db.insert(onboardingWizard).values({ practiceId: k.practiceId, step: 'done', status: 'finished' });
    await where(() => actions.reopenWizardAction());
    expect(await where(() => actions.saveSetupAction({ settings: 'keep' }))).toEqual({ redirectedTo: '/onboarding' });
    expect(await where(() => actions.continueFromPreviewAction({ importUnlinked: false }))).toEqual({ redirectedTo: '/onboarding' });
    // Integrations, before "Run it": XPM now gets client names.
    await applySettingsRequest(k.admin, { kind: 'change', app: 'xpm', syncData: 'client_name' });
    expect(await where(() => actions.runFirstSyncAction())).toEqual({ redirectedTo: '/onboarding' });
    expect(
      (
        await database.db
          .select({ app: connections.app, syncData: connections.syncData, direction: connections.syncDirection })
          .from(connections)
          .where(eq(connections.practiceId, k.practiceId))
      ).sort((x, y) => x.app.localeCompare(y.app)),
    ).toEqual([
      { app: 'gusto', syncData: 'client_name', direction: 'from_app' },
      { app: 'xpm', syncData: 'client_name', direction: 'to_app' },
    ]);
    expect(
      await database.db
        .select({ id: settingsAudit.id })
        .from(settingsAudit)
        .where(and(eq(settingsAudit.practiceId, k.practiceId), eq(settingsAudit.cause, 'onboarding'))),
    ).toEqual([]);
  });

  test('a setup chosen in this pass, then a save on Integrations: "Run it" pressed on the page from before is refused; drawn again, the step lists what it changes', async () => {
    const { applySettingsRequest } = await import('@/lib/dal/sync-settings');
    const r = await createPracticeMembers(database.db, 'Wizard Chosen Practice');
    session.member = r.admin;
    await database.db.insert(connections).values({ practiceId: r.practiceId, app: 'gusto', syncData: 'nothing', syncDirection: 'from_app' });
    await database.db.insert(onboardingWizard).values({ practiceId: r.practiceId, step: 'setup', status: 'in_progress' });
    await where(() => actions.saveSetupAction({ settings: null }));
    await where(() => actions.continueFromPreviewAction({ importUnlinked: false }));
    const runPage = await getWizard(r.admin);
    const shownThen = { current: runPage.connections.map(({ app, syncData, direction }) => ({ app, syncData, direction })), setup: runPage.setup.settings };
    await applySettingsRequest(r.admin, { kind: 'change', app: 'gusto', syncData: 'client_name' });
    expect(await actions.runFirstSyncAction(shownThen)).toMatchObject({ ok: false, code: 'stale', formError: expect.stringContaining('Gusto’s Sync data: Nothing → Client name') });
    expect(await database.db.select({ syncData: connections.syncData }).from(connections).where(eq(connections.practiceId, r.practiceId))).toEqual([{ syncData: 'client_name' }]);
    // Drawn again, the step says the recommended setup changes the admin's Client name back to Everything: nothing unseen.
    expect((await getWizard(r.admin)).setup).toMatchObject({ basis: 'chosen', changes: [{ app: 'gusto', field: 'syncData', before: 'client_name', after: 'everything' }] });
  });

  test('"Keep my current settings" with nothing of the practice’s own to keep (every app the Nothing a connect leaves) is refused', async () => {
    const n = await createPracticeMembers(database.db, 'Wizard Nothing To Keep Practice');
    session.member = n.admin;
    await database.db.insert(connections).values({ practiceId: n.practiceId, app: 'gusto', syncData: 'nothing', syncDirection: 'from_app' });
    await database.db.insert(onboardingWizard).values({ practiceId: n.practiceId, step: 'setup', status: 'in_progress' });
    expect(await actions.saveSetupAction({ settings: 'keep' })).toMatchObject({
      ok: false,
      code: 'refused',
      formError: expect.stringContaining('no sync settings of your own to keep'),
    });
    expect((await database.db.select({ step: onboardingWizard.step }).from(onboardingWizard).where(eq(onboardingWizard.practiceId, n.practiceId)))[0]).toEqual({ step: 'setup' });
  });

  test('the preview step says what the recommended setup then sends To XPM: the linked clients that differ from XPM now', async () => {
    const { previewFirstSync } = await import('@/lib/dal/onboarding');
    const c = await createPracticeMembers(database.db, 'Wizard Push Practice');
    await database.db.insert(onboardingWizard).values({ practiceId: c.practiceId });
    await connectApps(database.db, c.practiceId, ['gusto', 'xpm']);
    const [kauri] = await database.db.insert(clients).values({ practiceId: c.practiceId, name: 'Kauri Dental' }).returning({ id: clients.id });
    await insertDirectoryRecord(database.db, c.practiceId, canonicalRecord('xpm', 'x-kauri', { name: 'Kauri Dental Clinic' }));
    await database.db.insert(clientLinks).values({ practiceId: c.practiceId, clientId: kauri!.id, app: 'xpm', externalId: 'x-kauri' });

    // Recommended with both connected: Gusto the source, XPM To XPM.
    const result = await previewFirstSync(c.admin, false);
    expect(result).toMatchObject({ app: 'gusto', push: { app: 'xpm', wouldSend: 1, settings: { direction: 'to_app', syncData: 'everything' } } });
    // With nothing To XPM (Gusto alone connected), there is no push to speak of.
    await database.db.delete(connections).where(and(eq(connections.practiceId, c.practiceId), eq(connections.app, 'xpm')));
    expect((await previewFirstSync(c.admin, false))?.push).toBeNull();
  });
});
