import { boolean, jsonb, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices';

/**
 * The onboarding wizard's steps (issue 13), in order. `done`: the first sync was started and
 * the wizard shows its summary. The step list, what each step needs and where each action
 * leads are pure code (lib/onboarding/steps.ts); this table only remembers where a practice is.
 */
export const onboardingStep = pgEnum('onboarding_step', ['practice', 'connect', 'setup', 'preview', 'run', 'done']);
/** `in_progress`: an admin lands in it; `dismissed`: "I'll do this later"; `finished`: the summary was reached. */
export const onboardingStatus = pgEnum('onboarding_status', ['in_progress', 'dismissed', 'finished']);

/** Settings the admin chose on the Sync settings step, as the rules module spells them. */
export interface ChosenSetting {
  app: 'xpm' | 'gusto';
  syncData: 'everything' | 'client_name' | 'nothing';
  direction: 'from_app' | 'to_app';
}

/**
 * One row per practice: where its onboarding wizard is and what was done, so leaving at any
 * step and coming back (another tab, another admin, a reload) returns to the same place, and
 * each step's action can tell that its work is already done (idempotent).
 */
export const onboardingWizard = pgTable('onboarding_wizard', {
  practiceId: uuid()
    .primaryKey()
    .references(() => practices.id),
  step: onboardingStep().notNull().default('practice'),
  status: onboardingStatus().notNull().default('in_progress'),
  /**
   * The setup the admin chose; null = the recommended preset for the apps connected then;
   * 'keep' = "Keep my current settings": the practice's settings as they are when the first
   * sync runs, never a copy written back (lib/onboarding/steps.ts, SetupChoice).
   */
  chosenSettings: jsonb().$type<ChosenSetting[] | 'keep'>(),
  /** Import the source app's unlinked records as new clients in the first sync; null = the app's default. */
  importUnlinked: boolean(),
  /** When step 5 changed the practice's settings (once); null when it changed none (kept, or already as chosen). */
  settingsAppliedAt: timestamp({ withTimezone: true }),
  /** The first sync run the wizard started (step 5, once); its summary is the wizard's last page. */
  firstRunId: uuid(),
  finishedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type OnboardingWizardRow = typeof onboardingWizard.$inferSelect;
