'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { type ActionResult, defineAction } from '@/lib/dal/action';
import {
  dismissWizard,
  finishConnectStep,
  reopenWizard,
  runFirstSync,
  savePracticeStep,
  savePreviewStep,
  saveSetupStep,
  saveWizardImportChoice,
  WIZARD_ADMINS_ONLY,
} from '@/lib/dal/onboarding';
import { currentMember } from '@/lib/dal/session';
import { encodeNotice } from '@/lib/integrations/notice';
import { startAuthorization } from '@/lib/integrations/oauth-flow';
import { appOrigin, oauthRedirectUri } from '@/lib/integrations/provider-config';
import { SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '@/lib/sync/rules';
import { requiredText } from '@/lib/validation/fields';
import { signUpSchema } from '@/lib/validation/member';

/**
 * The onboarding wizard's actions (issue 13). Each goes through defineAction (signed in →
 * valid → admin → run) and lib/dal/onboarding, whose writes are idempotent; a successful step
 * redirects to /onboarding, which shows wherever the wizard now is — so Back, a reload or a
 * second tab never does a step's work twice.
 */

const ADMINS = ['admin'] as const;
const WIZARD = '/onboarding';

export type WizardFormState = Exclude<ActionResult, { ok: true }> | null;

const practiceSchema = z.object({ practiceName: requiredText(120, 'Practice name'), timezone: signUpSchema.shape.timezone });

const savePractice = defineAction({
  schema: practiceSchema,
  roles: ADMINS,
  run: ({ practiceName, timezone }, member) => savePracticeStep(member, { name: practiceName, timezone }),
});

export async function savePracticeAction(_prev: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const result = await savePractice({ practiceName: formData.get('practiceName') ?? undefined, timezone: formData.get('timezone') ?? undefined });
  if (!result.ok) return result;
  revalidatePath('/', 'layout'); // the shell shows the practice's name
  redirect(WIZARD);
}

/** Step 2's Connect: the same OAuth flow as Integrations, returning here (the state row says so). */
export async function connectFromWizardAction(formData: FormData): Promise<void> {
  const member = await currentMember();
  if (!member) redirect('/sign-in');
  const app = appIdSchema('Unknown app.').safeParse(formData.get('app'));
  if (member.role !== 'admin' || !app.success) {
    redirect(`${WIZARD}?notice=${encodeNotice({ tone: 'error', message: member.role !== 'admin' ? WIZARD_ADMINS_ONLY : 'Unknown app.' })}`);
  }
  const url = await startAuthorization(member, app.data, oauthRedirectUri(app.data, appOrigin(await headers(), 'http://localhost:3000')), 'onboarding');
  redirect(url);
}

const continueFromConnect = defineAction({ schema: z.object({}), roles: ADMINS, run: (_input, member) => finishConnectStep(member) });

export async function continueFromConnectAction(): Promise<WizardFormState> {
  const result = await continueFromConnect({});
  if (!result.ok) return result;
  redirect(WIZARD);
}

const settingSchema = z.object({ app: appIdSchema('Unknown app.'), syncData: z.enum(SYNC_DATA_VALUES), direction: z.enum(SYNC_DIRECTIONS) });

const saveSetup = defineAction({
  schema: z.object({ settings: z.union([z.literal('keep'), z.array(settingSchema).max(10)]).nullable() }),
  roles: ADMINS,
  run: ({ settings }, member) => saveSetupStep(member, settings),
});

/**
 * `settings` null accepts the recommended setup; 'keep' keeps the practice's current settings
 * (whatever they are when the first sync runs); otherwise the admin's adjusted one.
 */
export async function saveSetupAction(input: unknown): Promise<WizardFormState> {
  const result = await saveSetup(input);
  if (!result.ok) return result;
  redirect(WIZARD);
}

const setImport = defineAction({
  schema: z.object({ importUnlinked: z.boolean() }),
  roles: ADMINS,
  run: ({ importUnlinked }, member) => saveWizardImportChoice(member, importUnlinked),
});

/** Step 4's import checkbox: remembered at once, and the preview is planned again with it. */
export async function setImportAction(input: unknown): Promise<WizardFormState> {
  const result = await setImport(input);
  revalidatePath(WIZARD);
  return result.ok ? null : result;
}

const continueFromPreview = defineAction({
  schema: z.object({ importUnlinked: z.boolean() }),
  roles: ADMINS,
  run: ({ importUnlinked }, member) => savePreviewStep(member, importUnlinked),
});

export async function continueFromPreviewAction(input: unknown): Promise<WizardFormState> {
  const result = await continueFromPreview(input);
  if (!result.ok) return result;
  redirect(WIZARD);
}

const settingsSchema = z.array(settingSchema).max(10);

const runFirst = defineAction({
  schema: z.object({ shown: z.object({ current: settingsSchema, setup: settingsSchema }).optional() }),
  roles: ADMINS,
  run: ({ shown }, member) => runFirstSync(member, shown),
});

/**
 * Step 5's button, bound by the Run step to what it shows (`shown`: the settings then, and the
 * setup it leaves in place): refused, naming what changed, if either moved since. The page is
 * drawn again either way, so a refusal comes with the step as it now is.
 */
export async function runFirstSyncAction(shown?: unknown): Promise<WizardFormState> {
  const result = await runFirst({ shown });
  revalidatePath('/', 'layout');
  if (!result.ok) return result;
  redirect(WIZARD);
}

const dismiss = defineAction({ schema: z.object({}), roles: ADMINS, run: (_input, member) => dismissWizard(member) });

/**
 * "I'll do this later": off to the dashboard (with its welcome when the admin arrived from
 * sign-up); Integrations reopens the wizard where it was.
 */
export async function dismissWizardAction(arrivedFromSignUp = false): Promise<WizardFormState> {
  const result = await dismiss({});
  if (!result.ok) return result;
  redirect(arrivedFromSignUp === true ? '/dashboard?welcome=1' : '/dashboard');
}

const reopen = defineAction({ schema: z.object({}), roles: ADMINS, run: (_input, member) => reopenWizard(member) });

export async function reopenWizardAction(): Promise<WizardFormState> {
  const result = await reopen({});
  if (!result.ok) return result;
  redirect(WIZARD);
}
