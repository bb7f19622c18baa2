'use client';

import { useActionState, useRef } from 'react';
import { TimeZoneField } from '@/components/time-zone/time-zone-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid';
import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import { savePracticeAction, type WizardFormState } from '../actions';

/**
 * Step 1: the practice's name and time zone. The zone shown is the practice's own (chosen at
 * sign-up); the browser's, when it differs, is offered until the step is saved once.
 */
export function PracticeStep({ name, timezone, zones, suggestBrowserZone }: { name: string; timezone: string; zones: readonly string[]; suggestBrowserZone: boolean }) {
  const [state, action, pending] = useActionState<WizardFormState, FormData>(savePracticeAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  const errors = state?.fieldErrors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
      {state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field id="practiceName" label="Practice name" errors={errors.practiceName} required>
        {(p) => <Input {...p} name="practiceName" defaultValue={name} autoComplete="organization" required />}
      </Field>
      <TimeZoneField
        zones={zones}
        initial={timezone}
        hint="Gusto's daily sync runs at 06:00 in this time zone, and times are shown in it."
        offerBrowserZone={suggestBrowserZone}
        errors={errors.timezone}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save and continue'}
      </Button>
    </form>
  );
}
