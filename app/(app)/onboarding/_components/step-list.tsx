import Link from 'next/link';
import { cn } from '@/lib/cn';
import { type DoneSteps, STEP_LABELS, stepNumber, WIZARD_STEPS, type WizardPosition } from '@/lib/onboarding/steps';

/**
 * The visible step list and progress. `done` (doneSteps): the steps this pass went past and
 * those the practice has already done (apps connected, settings chosen, a sync run), each
 * ticked and read as "…, done". Steps reached or done
 * are links (going there keeps what was done); the others are plain text. The step shown is
 * marked `aria-current="step"`. `doneText`: its line once every step is done (allDoneText).
 */
export function StepList({ shown, reached, done, doneText }: { shown: WizardPosition; reached: WizardPosition; done: DoneSteps; doneText: string }) {
  const reachedNumber = stepNumber(reached);
  const finished = reached === 'done';
  return (
    <nav aria-label="Setup steps">
      <p className="mb-2 text-sm text-slate-700">{finished ? doneText : `Step ${stepNumber(shown)} of ${WIZARD_STEPS.length}`}</p>
      <ol className="space-y-1">
        {WIZARD_STEPS.map((step, i) => {
          const n = i + 1;
          const current = shown === step;
          const complete = done[step];
          const label = (
            <>
              <span
                aria-hidden="true"
                className={cn(
                  'inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                  current ? 'border-brand-700 bg-brand-700 text-white' : complete ? 'border-brand-700 text-brand-700' : 'border-slate-400 text-slate-600',
                )}
              >
                {complete ? '✓' : n}
              </span>
              {complete ? (
                // Read as one phrase, "Connect your apps, done" (the tick alone says nothing to a
                // screen reader; a hidden ", done" beside the label is read with a gap before it).
                <>
                  <span aria-hidden="true">{STEP_LABELS[step]}</span>
                  <span className="sr-only">{`${STEP_LABELS[step]}, done`}</span>
                </>
              ) : (
                <span>{STEP_LABELS[step]}</span>
              )}
            </>
          );
          // Once the first sync has started only the summary shows (stepToShow): no step to go to.
          const canOpen = !finished && !current && (n <= reachedNumber || complete);
          return (
            <li key={step}>
              {canOpen ? (
                <Link href={`/onboarding?step=${step}`} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-brand-700 underline-offset-2 hover:underline">
                  {label}
                </Link>
              ) : (
                <span
                  aria-current={current ? 'step' : undefined}
                  className={cn('flex items-center gap-2 px-1 py-1 text-sm', current ? 'font-semibold text-slate-900' : 'text-slate-700')}
                >
                  {label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
