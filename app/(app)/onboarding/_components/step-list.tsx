import Link from 'next/link';
import { cn } from '@/lib/cn';
import { STEP_LABELS, stepNumber, WIZARD_STEPS, type WizardPosition } from '@/lib/onboarding/steps';

/**
 * The visible step list and progress. Steps already reached are links (going back keeps what
 * was done); later ones are plain text. The step shown is marked `aria-current="step"`.
 * `doneText`: its line once every step is done (allDoneText).
 */
export function StepList({ shown, reached, doneText }: { shown: WizardPosition; reached: WizardPosition; doneText: string }) {
  const reachedNumber = stepNumber(reached);
  const done = reached === 'done';
  return (
    <nav aria-label="Setup steps">
      <p className="mb-2 text-sm text-slate-700">{done ? doneText : `Step ${stepNumber(shown)} of ${WIZARD_STEPS.length}`}</p>
      <ol className="space-y-1">
        {WIZARD_STEPS.map((step, i) => {
          const n = i + 1;
          const current = shown === step;
          const complete = done || n < reachedNumber;
          const label = (
            <>
              <span
                aria-hidden="true"
                className={cn(
                  'inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                  current ? 'border-brand-700 bg-brand-700 text-white' : complete ? 'border-brand-700 text-brand-700' : 'border-slate-400 text-slate-600',
                )}
              >
                {complete && !current ? '✓' : n}
              </span>
              <span>
                {STEP_LABELS[step]}
                {complete && !current ? <span className="sr-only"> (done)</span> : null}
              </span>
            </>
          );
          const canOpen = !done && n <= reachedNumber && !current;
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
