import type { AppId } from '@/lib/apps/ids';
import { type ConnectionSettings, diffFromPreset, type FieldChange, findSource, recommendedPreset } from '@/lib/sync/rules';
import { sameSettingsSet } from '@/lib/sync/settings-plan';

/**
 * The onboarding wizard's steps and the rules between them (issue 13). Pure: the page, the
 * actions and the tests share them. The database row (onboarding_wizard) says which step a
 * practice is on; these functions say what that means.
 */
export const WIZARD_STEPS = ['practice', 'connect', 'setup', 'preview', 'run'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];
/** `done`: the first sync was started (or there was nothing to set up); the summary shows. */
export type WizardPosition = WizardStep | 'done';

export const STEP_LABELS: Record<WizardStep, string> = {
  practice: 'Practice details',
  connect: 'Connect your apps',
  // Not "Recommended setup": a practice with settings of its own sees and keeps them here (effectiveSetup).
  setup: 'Sync settings',
  preview: 'Preview your first sync',
  run: 'Run it',
};

export function isWizardStep(value: unknown): value is WizardStep {
  return typeof value === 'string' && (WIZARD_STEPS as readonly string[]).includes(value);
}

/** 1-based position of a step; `done` is past the last one. */
export function stepNumber(position: WizardPosition): number {
  return position === 'done' ? WIZARD_STEPS.length + 1 : WIZARD_STEPS.indexOf(position) + 1;
}

/**
 * What the practice has already done, whatever pass of the wizard it is in (lib/dal/onboarding
 * reads it, scoped by the practice): a practice set up on Integrations, or one whose finished
 * wizard was opened again (a new pass from step 1), is not starting from nothing.
 */
export interface PracticeSetupState {
  /** An app is connected (not disconnected). */
  appsConnected: boolean;
  /** A connected app's Sync data is chosen: connecting leaves it Nothing until someone chooses. */
  settingsChosen: boolean;
  /** A sync of the client list has ended with its changes applied (succeeded, or with errors). */
  syncRun: boolean;
}

export type DoneSteps = Record<WizardStep, boolean>;

/**
 * Which steps are done: those this pass of the wizard has gone past, and those the practice's
 * state shows done — connect by an app connected, the setup by its settings chosen, the run by
 * a sync that ran (and the preview with it: it previews that sync). A step counts by the
 * practice's state only when the steps it builds on do (a sync run with every app since
 * disconnected does not make "Run it" done); the practice's details count once anything
 * after them is done. Once the first sync has started, every step is.
 */
export function doneSteps(stored: WizardPosition, state: PracticeSetupState): DoneSteps {
  if (stored === 'done') return { practice: true, connect: true, setup: true, preview: true, run: true };
  const passed = (step: WizardStep) => stepNumber(step) < stepNumber(stored);
  const connect = state.appsConnected;
  const setup = connect && state.settingsChosen;
  const run = setup && state.syncRun;
  return {
    practice: passed('practice') || connect,
    connect: passed('connect') || connect,
    setup: passed('setup') || setup,
    preview: passed('preview') || run,
    run,
  };
}

/**
 * Which step to show for a request: the stored one, or one the admin went to from the step
 * list — an earlier one, or a later one that is done (`done`, doneSteps). Any other later step
 * is never shown — its earlier steps are not done — and once the first sync has started only
 * the summary shows, so nothing can be applied or started twice.
 */
export function stepToShow(stored: WizardPosition, asked: unknown, done: DoneSteps): WizardPosition {
  if (stored === 'done') return 'done';
  if (isWizardStep(asked) && (stepNumber(asked) <= stepNumber(stored) || done[asked])) return asked;
  return stored;
}

/**
 * After "Continue" on Connect: the setup, which needs an app. With none connected there is no
 * next step (null): the wizard keeps its place at Connect rather than end "set up" with
 * nothing syncing — leaving it for later is "I'll do this later".
 */
export function stepAfterConnect(connected: readonly AppId[]): 'setup' | null {
  return connected.length > 0 ? 'setup' : null;
}

/** Whether any connection has settings someone chose: connecting sets Sync data to Nothing (safe defaults). */
export function hasChosenSettings(current: readonly ConnectionSettings[]): boolean {
  return current.some((c) => c.syncData !== 'nothing');
}

/**
 * What the admin saved on the Setup step (onboarding_wizard.chosen_settings): the recommended
 * preset (null), a setup of their own, or `keep` — "Keep my current settings", which means the
 * practice's settings as they are when the first sync runs, not a copy of them: a copy would
 * write the older settings back over a change made on Integrations in between.
 */
export type SetupChoice = readonly ConnectionSettings[] | 'keep' | null;

/**
 * The setup the wizard shows and applies. `basis` says where it comes from:
 * - `chosen`: what the admin saved on the Setup step in this pass (null there: the recommended
 *   preset, accepted), while it still covers exactly the apps connected now;
 * - `current`: the practice's own settings, as they are now — kept on the Setup step (`keep`),
 *   or, with no choice in this pass (a finished wizard opened again starts one with none),
 *   when it has any: a practice that chose other settings on Integrations must not have them
 *   replaced by the preset behind its back;
 * - `recommended`: the preset, when there is nothing of the practice's to keep (every app still
 *   the Nothing a connect leaves) — or the choice went stale: an app connected or disconnected
 *   since makes the admin see the setup again rather than half of one.
 * `changes` is what applying it would change now, field by field: empty, the settings stay.
 */
export interface WizardSetup {
  settings: ConnectionSettings[];
  /** Whether it is the recommended preset. */
  recommended: boolean;
  basis: 'chosen' | 'current' | 'recommended';
  changes: FieldChange[];
}

export function effectiveSetup(current: readonly ConnectionSettings[], chosen: SetupChoice, stored: WizardPosition): WizardSetup {
  const preset = recommendedPreset(current.map((c) => c.app));
  const basis = basisOf(current, chosen, stored);
  const settings =
    basis === 'chosen' && chosen !== null && chosen !== 'keep'
      ? chosen.map((c) => ({ ...c }))
      : basis === 'current'
        ? current.map(({ app, syncData, direction }) => ({ app, syncData, direction }))
        : preset.settings;
  return { settings, recommended: sameSettingsSet(settings, preset.settings), basis, changes: diffFromPreset(current, settings).changes };
}

function basisOf(current: readonly ConnectionSettings[], chosen: SetupChoice, stored: WizardPosition): WizardSetup['basis'] {
  // The Setup step's save moves the wizard past it: only then is `chosen` (null included) this pass's choice.
  const setupSaved = stepNumber(stored) > stepNumber('setup');
  // Kept, the practice's settings stay whatever they are now, even every one Nothing: Keep never turns into the preset.
  if (setupSaved && chosen === 'keep') return 'current';
  const covers = (own: readonly ConnectionSettings[]) => own.length === current.length && current.every((c) => own.some((o) => o.app === c.app));
  if (setupSaved && (chosen === null || (chosen !== 'keep' && covers(chosen)))) return 'chosen';
  return hasChosenSettings(current) ? 'current' : 'recommended';
}

/** The app the first sync reads from: the setup's client source (null: nothing flows in). */
export function firstSyncApp(settings: readonly ConnectionSettings[]): AppId | null {
  return findSource(settings);
}

/**
 * Whether the first sync imports the source's unlinked records as new clients, unless the
 * admin chose: yes for Gusto (the companies a practice authorised are its clients), no for
 * XPM (often thousands of clients, many long gone; they stay searchable in the picker).
 */
export function defaultImport(source: AppId | null): boolean {
  return source === 'gusto';
}

export function importChoice(source: AppId | null, chosen: boolean | null): boolean {
  return source !== null && (chosen ?? defaultImport(source));
}

/**
 * The step list's line once every step is done, by the first sync's state: "All steps done"
 * alone, beside a first sync still running or waiting for review, read as if it had ended (a trial).
 */
export function allDoneText(firstSync: 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'needs_review' | null): string {
  switch (firstSync) {
    case 'queued':
      return 'All steps done: the first sync is about to start';
    case 'running':
      return 'All steps done: the first sync is running';
    case 'needs_review':
      return 'All steps done: the first sync waits for your review';
    default:
      return 'All steps done';
  }
}
