import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { ArrivalAlert } from '@/components/shell/arrival-alert';
import { ArrivalNotice } from '@/components/shell/arrival-notice';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getWizard } from '@/lib/dal/onboarding';
import { requireMember } from '@/lib/dal/session';
import { decodeNotice } from '@/lib/integrations/notice';
import { connectNoticeText } from '@/lib/onboarding/connect-notice';
import { allDoneText, doneSteps, STEP_LABELS, stepToShow } from '@/lib/onboarding/steps';
import { TIME_ZONES } from '@/lib/time-zones';
import { ConnectStep } from './_components/connect-step';
import { PracticeStep } from './_components/practice-step';
import { PreviewStep } from './_components/preview-step';
import { RunStep } from './_components/run-step';
import { SetupStep } from './_components/setup-step';
import { StepHeading } from './_components/step-heading';
import { StepList } from './_components/step-list';
import { Summary } from './_components/summary';
import { WizardButton } from './_components/wizard-button';
import { dismissWizardAction, reopenWizardAction } from './actions';

export const metadata: Metadata = {
  title: 'Set up Practice Sync',
  description: 'Set up your practice in five steps: details, connect XPM and Gusto, your sync settings, a preview, and your first sync.',
};

type SearchParams = { step?: string; welcome?: string; notice?: string };

const WELCOME_ID = 'wizard-welcome';

/**
 * The onboarding wizard (issue 13). Where it is lives in the database (lib/dal/onboarding), so
 * a reload, Back or another tab shows the same step; `?step=` only goes back to a step already
 * reached. Admins only: an author is told whom to ask.
 */
export default async function OnboardingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  if (member.role !== 'admin') {
    return (
      <>
        <PageHeader title="Set up Practice Sync" />
        <Alert tone="warning">Setting up Practice Sync is for practice admins. Ask an admin of {member.practiceName} to finish the setup.</Alert>
        <p className="mt-4 text-sm">
          <Link href="/dashboard" className="font-medium text-brand-700 underline">
            Go to the dashboard
          </Link>
        </p>
      </>
    );
  }
  const [{ step: asked, welcome, notice: rawNotice }, view] = await Promise.all([searchParams, getWizard(member)]);
  // After sign-up everyone is sent here (sign-up must not tell a new email from a registered
  // one): a practice not in the wizard goes on to its dashboard.
  if (welcome && view.status !== 'in_progress') redirect('/dashboard?welcome=1');
  if (view.status !== 'in_progress' && view.status !== 'finished') {
    return (
      <>
        <PageHeader title="Set up Practice Sync" description="Connect your apps, choose how client data flows, preview it and run your first sync." />
        <Card>
          <p className="text-sm text-slate-700">
            {view.status === 'dismissed' ? 'You left the setup for later. It picks up where you left it.' : 'The setup takes a few minutes.'}
          </p>
          <WizardButton action={reopenWizardAction} className="mt-4">
            {view.status === 'dismissed' ? 'Resume the setup' : 'Start the setup'}
          </WizardButton>
        </Card>
      </>
    );
  }
  // Done by this pass or by the practice's own state (apps, settings, a sync run): a finished
  // wizard opened again starts a new pass at step 1, yet what was set up stays set up.
  const done = doneSteps(view.step, view.practiceState);
  const shown = stepToShow(view.step, asked, done);
  // Back from XPM's or Gusto's consent page, on the step that was left for it.
  const notice = shown === 'connect' ? decodeNotice(rawNotice) : null;
  const welcomed = Boolean(welcome) && shown === 'practice';
  return (
    <>
      <PageHeader title="Set up Practice Sync" description="Five steps from your practice's details to a correct, running sync." />
      <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
        <StepList shown={shown} reached={view.step} done={done} doneText={allDoneText(view.firstRun?.status ?? null)} />
        <div className="min-w-0 space-y-4">
          {/* Back from a consent page the outcome takes focus, not the heading: the admin is back on
              the step they left, so its name is not news, while the outcome is, and may ask for a
              retry (declined). Focused, every screen reader reads all of it (a heading described by
              it is read only where descriptions are, and after a pause in VoiceOver), Tab goes on to
              the Connect buttons under it, and Integrations does the same after the same round trip.
              The heading and the step list above still say where the admin is. */}
          {shown !== 'done' ? (
            <StepHeading key={shown} focusOnArrival={!notice} describedBy={welcomed ? WELCOME_ID : undefined}>
              {STEP_LABELS[shown]}
            </StepHeading>
          ) : null}
          {welcomed ? (
            // The sign-in page has just said to sign in to open the new practice: this says what comes next.
            // On the page as it loads, so a live region would not be read (a trial): the step's
            // heading, which takes focus on arrival, is described by it instead.
            <Alert tone="success" role="note" id={WELCOME_ID}>
              Welcome to Practice Sync. Check the details you gave at sign-up, then a few steps connect your apps and run your first client sync. You can leave and come back at any
              time.
            </Alert>
          ) : null}
          <ArrivalNotice params={['notice']}>
            {notice ? (
              <ArrivalAlert tone={notice.tone} data-testid="wizard-notice">
                {connectNoticeText(notice, view.connections.length > 0)}
              </ArrivalAlert>
            ) : null}
          </ArrivalNotice>
          {shown === 'practice' ? (
            <PracticeStep name={view.practice.name} timezone={view.practice.timezone} zones={TIME_ZONES} suggestBrowserZone={view.step === 'practice'} />
          ) : null}
          {shown === 'connect' ? <ConnectStep connections={view.connections} /> : null}
          {shown === 'setup' ? <SetupStep connections={view.connections} setup={view.setup} /> : null}
          {shown === 'preview' ? <PreviewStep member={member} view={view} /> : null}
          {shown === 'run' ? <RunStep view={view} /> : null}
          {shown === 'done' ? <Summary member={member} view={view} /> : null}
          {view.status === 'in_progress' && shown !== 'done' ? (
            <div className="border-t border-slate-200 pt-4">
              <WizardButton action={dismissWizardAction.bind(null, welcome === '1')} variant="ghost">
                I’ll do this later
              </WizardButton>
              <p className="mt-1 text-xs text-slate-600">You can come back to it any time from Integrations; it keeps what you have done.</p>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
