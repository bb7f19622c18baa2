import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { type Database, getDb } from '@/db';
import { type ChosenSetting, onboardingWizard, practices, syncRuns } from '@/db/schema';
import type { AppId } from '@/lib/apps/ids';
import { onboardingActor } from '@/lib/commands/actor';
import { applySettings, lockSettings } from '@/lib/commands/connections';
import { CommandError } from '@/lib/commands/errors';
import { lockWizard, saveWizard, updatePracticeDetails } from '@/lib/commands/onboarding';
import { requestSyncRun } from '@/lib/commands/sync-runs';
import { enqueueSyncRun } from '@/lib/jobs/sync-jobs';
import {
  defaultImport,
  effectiveSetup,
  firstSyncApp,
  hasChosenSettings,
  importChoice,
  type PracticeSetupState,
  stepAfterConnect,
  type WizardPosition,
  type WizardSetup,
} from '@/lib/onboarding/steps';
import { type RunShown, runChangedSinceShown } from '@/lib/onboarding/run-as-shown';
import type { SyncPreview } from '@/lib/sync/engine/preview';
import { type ConnectionSettings, type SyncDirection, validateChangeSet } from '@/lib/sync/rules';
import type { RunStatus } from '@/lib/sync/runs/format';
import { isScheduledPush } from '@/lib/sync/runs/next-run';
import { ActionError } from './action';
import type { Member } from './session';
import { countSuggestedMatches } from './suggested-matches/review';
import { previewAppSync } from './sync-preview';
import { discardedColumn, runCountColumns } from './sync-runs';
import { getSyncSettings, type SyncSettingsView } from './sync-settings';

/**
 * The onboarding wizard (issue 13) for the member's practice: what each step shows and each
 * step's write. Admins only (every function checks), every query scoped by the practice.
 * Each write is idempotent: it sets where the wizard is rather than adding to it, and the one
 * that starts work (the first sync) does it once, under the wizard row's lock.
 */

export const WIZARD_ADMINS_ONLY = 'Only a practice admin can set up Practice Sync. Ask an admin of your practice to finish the setup.';

function requireWizardAdmin(member: Member): void {
  if (member.role !== 'admin') throw new ActionError(WIZARD_ADMINS_ONLY, undefined, 'forbidden');
}

export interface FirstRunView {
  id: string;
  app: AppId;
  status: RunStatus;
  direction: SyncDirection;
  /** Paused for review and discarded, never approved: the summary says "Discarded", as every other page does, not "Cancelled". */
  discarded: boolean;
  /** The records it selected to apply: a paused first sync is named by them. */
  total: number;
  counts: { fetched: number; created: number; linked: number; updated: number; unchanged: number; skipped: number; failed: number };
}

export interface WizardView {
  /** null: the practice has no wizard (made before it existed, and never opened). */
  status: 'in_progress' | 'dismissed' | 'finished' | null;
  step: WizardPosition;
  practice: { name: string; timezone: string };
  connections: SyncSettingsView[];
  /** The setup the wizard would apply, where it comes from, what it would change, and its client source. */
  setup: WizardSetup & { source: AppId | null };
  importUnlinked: boolean;
  /** Whether the admin chose the import (false: the app's default). */
  importChosen: boolean;
  /** Whether this pass's "Run it" changed the practice's settings (false: they stayed as they were). */
  settingsApplied: boolean;
  firstRun: FirstRunView | null;
  /** What the practice has done whatever the wizard's pass: the step list marks those steps done (doneSteps). */
  practiceState: PracticeSetupState;
}

/**
 * Runs that sync the client list, by whatever started them: a proposal's deploy, an undo or
 * one client's edit pushed To XPM is not the practice's sync running.
 */
const CLIENT_LIST_SYNCS = ['schedule', 'manual', 'webhook', 'onboarding'] as const;

const settingsOf = (connections: readonly SyncSettingsView[]): ConnectionSettings[] => connections.map(({ app, syncData, direction }) => ({ app, syncData, direction }));

/** Whether a sync of the practice's client list has ended with its changes applied (with errors or not). */
async function hasSyncRun(db: Database, practiceId: string): Promise<boolean> {
  const [run] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.practiceId, practiceId), inArray(syncRuns.status, ['succeeded', 'partial']), inArray(syncRuns.trigger, CLIENT_LIST_SYNCS)))
    .limit(1);
  return run !== undefined;
}

export async function getWizard(member: Member): Promise<WizardView> {
  requireWizardAdmin(member);
  const db = await getDb();
  const [[row], [practice], settings, syncRun] = await Promise.all([
    db.select().from(onboardingWizard).where(eq(onboardingWizard.practiceId, member.practiceId)),
    db.select({ name: practices.name, timezone: practices.timezone }).from(practices).where(eq(practices.id, member.practiceId)),
    getSyncSettings(member),
    hasSyncRun(db, member.practiceId),
  ]);
  const current = settingsOf(settings.connections);
  const setup = effectiveSetup(current, row?.chosenSettings ?? null, row?.step ?? 'practice');
  const source = firstSyncApp(setup.settings);
  let firstRun: FirstRunView | null = null;
  if (row?.firstRunId) {
    const [run] = await db
      .select({
        id: syncRuns.id,
        app: syncRuns.app,
        status: syncRuns.status,
        direction: syncRuns.direction,
        discarded: discardedColumn,
        total: syncRuns.total,
        ...runCountColumns,
      })
      .from(syncRuns)
      .where(and(eq(syncRuns.id, row.firstRunId), eq(syncRuns.practiceId, member.practiceId)));
    if (run) {
      const { id, app, status, direction, discarded, total, ...counts } = run;
      firstRun = { id, app, status, direction, discarded, total, counts };
    }
  }
  return {
    status: row?.status ?? null,
    step: row?.step ?? 'practice',
    practice: practice ?? { name: member.practiceName, timezone: member.practiceTimezone },
    connections: settings.connections,
    setup: { ...setup, source },
    importUnlinked: importChoice(source, row?.importUnlinked ?? null),
    importChosen: row?.importUnlinked !== null && row?.importUnlinked !== undefined,
    settingsApplied: row?.settingsAppliedAt != null,
    firstRun,
    practiceState: {
      appsConnected: settings.connections.length > 0,
      settingsChosen: hasChosenSettings(current),
      syncRun,
    },
  };
}

async function inWizardTransaction<T>(
  member: Member,
  work: (tx: Parameters<Parameters<Awaited<ReturnType<typeof getDb>>['transaction']>[0]>[0], actor: ReturnType<typeof onboardingActor>) => Promise<T>,
): Promise<T> {
  requireWizardAdmin(member);
  const db = await getDb();
  const actor = onboardingActor(member);
  return db.transaction(async (tx) => {
    const row = await lockWizard(tx, actor);
    // Once the first sync has started, the steps before it are history: a second tab's late
    // "Continue" must not move the wizard back or change what was applied.
    if (row?.firstRunId && row.status !== 'dismissed') throw new ActionError('The first sync has already started: see its summary below.', undefined, 'stale');
    return work(tx, actor);
  });
}

/** Step 1. Saving the same values again changes nothing but the step. */
export async function savePracticeStep(member: Member, details: { name: string; timezone: string }): Promise<void> {
  await inWizardTransaction(member, async (tx, actor) => {
    await updatePracticeDetails(tx, actor, details);
    await saveWizard(tx, actor, { step: 'connect', status: 'in_progress' });
  });
}

const CONNECT_FIRST = 'Connect XPM or Gusto to continue. Not ready yet? Choose “I’ll do this later”: the setup keeps your place.';

/**
 * Step 2's Continue: on to the setup. Refused with no app connected (a tab from before a
 * disconnect): the wizard would otherwise end "set up" with nothing to sync.
 */
export async function finishConnectStep(member: Member): Promise<WizardPosition> {
  const settings = await getSyncSettings(member);
  const next = stepAfterConnect(settings.connections.map((c) => c.app));
  if (next === null) throw new ActionError(CONNECT_FIRST, undefined, 'refused');
  await inWizardTransaction(member, (tx, actor) => saveWizard(tx, actor, { step: next, status: 'in_progress' }));
  return next;
}

/**
 * Step 3: the recommended setup (`settings` null), the admin's own, judged by the rules
 * module against the connections now (one source, what each app supports), or `keep` — the
 * practice's own settings, whatever they are when the first sync runs. Nothing is applied
 * yet: step 5 applies a chosen setup, once, with the first sync.
 */
export async function saveSetupStep(member: Member, settings: ChosenSetting[] | 'keep' | null): Promise<void> {
  if (settings !== null) {
    const current = settingsOf((await getSyncSettings(member)).connections);
    if (settings === 'keep') {
      // Keeping the Nothing a connect leaves would end the setup with nothing chosen and nothing syncing.
      if (!hasChosenSettings(current)) throw new ActionError(NOTHING_TO_KEEP, undefined, 'refused');
    } else {
      const apps = new Set(current.map((c) => c.app));
      if (settings.length !== apps.size || settings.some((s) => !apps.has(s.app))) {
        throw new ActionError('The connected apps changed since this page loaded. Review the setup and save again.', undefined, 'stale');
      }
      const verdict = validateChangeSet(current, settings, undefined);
      if (!verdict.ok) throw new ActionError(verdict.reason, { [`${verdict.app ?? settings[0]?.app}`]: [verdict.reason] }, 'refused');
    }
  }
  await inWizardTransaction(member, (tx, actor) => saveWizard(tx, actor, { step: 'preview', status: 'in_progress', chosenSettings: settings }));
}

const NOTHING_TO_KEEP = 'Your apps have no sync settings of your own to keep yet: accept the recommended setup, or adjust it.';

export interface WizardPreview {
  app: AppId;
  preview: SyncPreview;
  /** Likely duplicates for this app, to review later on Suggested matches (not linked by the sync). */
  suggestedMatches: number;
  /**
   * An app the setup sets To it (XPM): how many linked clients differ from it now and would be
   * sent by its next scheduled sync (before anything the first sync changes), and the
   * settings to preview it under. A trial found the wizard silent about what goes to XPM.
   */
  push: { app: AppId; wouldSend: number; settings: { direction: 'to_app'; syncData: ConnectionSettings['syncData'] } } | null;
}

/** Step 4: the engine's own preview of the first sync under the chosen setup and import option. */
export async function previewFirstSync(member: Member, importUnlinked: boolean): Promise<WizardPreview | null> {
  const view = await getWizard(member);
  const app = view.setup.source;
  if (!app) return null;
  const settings = view.setup.settings.find((s) => s.app === app)!;
  const pushing = view.setup.settings.find((s) => isScheduledPush(s.app, s));
  const [preview, suggestions, pushPreview] = await Promise.all([
    previewAppSync(member, app, { direction: settings.direction, syncData: settings.syncData }, { maxChanges: 8, importUnlinked }),
    countSuggestedMatches(member),
    pushing ? previewAppSync(member, pushing.app, { direction: 'to_app', syncData: pushing.syncData }, { maxChanges: 0 }) : null,
  ]);
  if (!preview) return null;
  return {
    app,
    preview,
    suggestedMatches: suggestions.find((s) => s.app === app)?.count ?? 0,
    push: pushing && pushPreview ? { app: pushing.app, wouldSend: pushPreview.counts.updated, settings: { direction: 'to_app', syncData: pushing.syncData } } : null,
  };
}

/** Step 4's checkbox: the import choice, remembered (the step stays). */
export async function saveWizardImportChoice(member: Member, importUnlinked: boolean): Promise<void> {
  await inWizardTransaction(member, (tx, actor) => saveWizard(tx, actor, { importUnlinked }));
}

/** Step 4's Continue: remembers the import choice (null: the app's default). */
export async function savePreviewStep(member: Member, importUnlinked: boolean): Promise<void> {
  await inWizardTransaction(member, (tx, actor) => saveWizard(tx, actor, { step: 'run', status: 'in_progress', importUnlinked }));
}

/**
 * Step 5: applies the setup (the one settings write path, audited as the onboarding wizard's,
 * both apps in this one transaction) and asks for the first sync of the source app with the
 * import option — then remembers the run. Done once: a second call (a double click, a
 * reload, another tab) finds the run and returns it. `shown`: what the Run step showed; if the
 * settings or the setup changed since (Integrations, another tab), nothing is done and the
 * admin is told what changed (a direct call without it: the rules alone decide).
 */
export async function runFirstSync(member: Member, shown?: RunShown): Promise<{ runId: string | null }> {
  requireWizardAdmin(member);
  const db = await getDb();
  const actor = onboardingActor(member);
  const outcome = await db.transaction(async (tx) => {
    const row = await lockWizard(tx, actor);
    if (row?.firstRunId) return { runId: row.firstRunId, queued: false, app: null };
    // Read under lock: a save on Integrations waits for this transaction rather than land
    // between what is judged here and the sync requested below.
    const current = await lockSettings(tx, actor);
    const setup = effectiveSetup(current, row?.chosenSettings ?? null, row?.step ?? 'practice');
    const changedSince = shown ? runChangedSinceShown(shown, { current, setup: setup.settings }) : null;
    if (changedSince) throw new ActionError(changedSince, undefined, 'stale');
    if (setup.settings.length === 0) throw new ActionError('Connect XPM or Gusto first: there is nothing to set up yet.', undefined, 'refused');
    // Only a setup chosen in this pass is applied. The practice's own settings — kept on the
    // Setup step, or nothing chosen (a finished wizard opened again, straight to "Run it") — are
    // never written back: they are whatever they are now, a save on Integrations included.
    const applied = setup.basis === 'current' ? null : await applySettings(tx, actor, { kind: 'settings', settings: setup.settings });
    const app = firstSyncApp(setup.settings);
    const now = new Date();
    const settingsAppliedAt = applied && applied.changes.length > 0 ? now : null;
    if (!app) {
      await saveWizard(tx, actor, { step: 'done', status: 'finished', settingsAppliedAt, finishedAt: now });
      return { runId: null, queued: false, app: null };
    }
    const importUnlinked = importChoice(app, row?.importUnlinked ?? defaultImport(app));
    const requested = await requestSyncRun(tx, actor, { app, importUnlinked });
    if (requested.kind === 'not_inbound') throw new CommandError('refused', requested.reason);
    await saveWizard(tx, actor, { step: 'done', status: 'finished', settingsAppliedAt, finishedAt: now, firstRunId: requested.runId });
    return { runId: requested.runId, queued: requested.kind === 'queued', app };
  });
  if (outcome.queued && outcome.app && outcome.runId) await enqueueSyncRun({ practiceId: member.practiceId, app: outcome.app, runId: outcome.runId });
  return { runId: outcome.runId };
}

/**
 * What the Dashboard offers an admin about the wizard: to start it ('start': in progress but
 * still on its first step, as a new practice's is from sign-up), to continue it ('continue'), or
 * nothing. An admin who signs in later, not from the page sign-up left them on, lands on the
 * Dashboard and would otherwise never see it again. Dismissed ("I'll do this later") or
 * finished: no prompt (Integrations can reopen it).
 */
export async function setupWizardOffer(member: Member): Promise<'start' | 'continue' | null> {
  if (member.role !== 'admin') return null;
  const db = await getDb();
  const [row] = await db.select({ status: onboardingWizard.status, step: onboardingWizard.step }).from(onboardingWizard).where(eq(onboardingWizard.practiceId, member.practiceId));
  if (row?.status !== 'in_progress') return null;
  return row.step === 'practice' ? 'start' : 'continue';
}

/** "I'll do this later": the wizard stays where it is; the dashboard no longer sends the admin to it. */
export async function dismissWizard(member: Member): Promise<void> {
  requireWizardAdmin(member);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const actor = onboardingActor(member);
    const row = await lockWizard(tx, actor);
    if (row?.status === 'finished') return;
    await saveWizard(tx, actor, { status: 'dismissed' });
  });
}

/**
 * "Open the setup wizard" (Integrations): a dismissed wizard resumes where it was; a finished
 * one starts a new pass from step 1 (the earlier first sync stays in Sync history).
 */
export async function reopenWizard(member: Member): Promise<void> {
  requireWizardAdmin(member);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const actor = onboardingActor(member);
    const row = await lockWizard(tx, actor);
    if (row?.status === 'finished' || !row) {
      await saveWizard(tx, actor, {
        status: 'in_progress',
        step: 'practice',
        chosenSettings: null,
        importUnlinked: null,
        settingsAppliedAt: null,
        firstRunId: null,
        finishedAt: null,
      });
    } else {
      await saveWizard(tx, actor, { status: 'in_progress' });
    }
  });
}
