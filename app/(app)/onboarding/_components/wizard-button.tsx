'use client';

import { type ReactNode, useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import type { WizardFormState } from '../actions';

/**
 * A button that runs one wizard action (no input) and shows its refusal right under it. On
 * success the action redirects, so there is nothing else to show. Pending while it runs, so a
 * double click sends one request (the actions are idempotent anyway); it keeps the focus
 * meanwhile (aria-disabled), and the next step's heading takes it as the step arrives.
 */
export function WizardButton({
  action,
  children,
  pendingText,
  variant,
  className,
}: {
  action: () => Promise<WizardFormState>;
  children: ReactNode;
  pendingText?: string;
  variant?: ButtonProps['variant'];
  className?: string;
}) {
  const [state, run, pending] = useActionState<WizardFormState>(() => action(), null);
  return (
    <form action={run} className={className}>
      <Button type="submit" variant={variant} pending={pending}>
        {pending && pendingText ? pendingText : children}
      </Button>
      {state?.formError ? (
        <Alert tone="error" className="mt-2">
          {state.formError}
        </Alert>
      ) : null}
    </form>
  );
}
