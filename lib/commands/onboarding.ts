import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db';
import { type OnboardingWizardRow, onboardingWizard, practices } from '@/db/schema';
import type { Actor } from './actor';

/**
 * The one write path for the onboarding wizard's row and the practice details it edits
 * (issue 13). Callers hold an authorised actor; each command is scoped by its practice.
 */

export type WizardPatch = Partial<Pick<OnboardingWizardRow, 'step' | 'status' | 'chosenSettings' | 'importUnlinked' | 'settingsAppliedAt' | 'firstRunId' | 'finishedAt'>>;

/** A new practice starts in the wizard (sign-up); a practice that already has a row keeps it. */
export async function createWizard(tx: Transaction, practiceId: string): Promise<void> {
  await tx.insert(onboardingWizard).values({ practiceId }).onConflictDoNothing();
}

/** The practice's wizard row, locked for the caller's transaction, so two tabs or admins take turns. */
export async function lockWizard(tx: Transaction, actor: Actor): Promise<OnboardingWizardRow | null> {
  const [row] = await tx.select().from(onboardingWizard).where(eq(onboardingWizard.practiceId, actor.practiceId)).for('update');
  return row ?? null;
}

/** Writes the patch, making the row first when the practice has none (one made before the wizard existed). */
export async function saveWizard(tx: Transaction, actor: Actor, patch: WizardPatch): Promise<void> {
  await tx
    .insert(onboardingWizard)
    .values({ practiceId: actor.practiceId, ...patch })
    .onConflictDoUpdate({ target: onboardingWizard.practiceId, set: { ...patch, updatedAt: sql`now()` } });
}

/** Step 1: the practice's name and time zone (the 06:00 daily Gusto sync reads it). */
export async function updatePracticeDetails(tx: Transaction, actor: Actor, details: { name: string; timezone: string }): Promise<void> {
  await tx.update(practices).set({ name: details.name, timezone: details.timezone }).where(eq(practices.id, actor.practiceId));
}
