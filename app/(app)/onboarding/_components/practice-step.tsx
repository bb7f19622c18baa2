'use client';

import { useActionState, useState, useSyncExternalStore } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import { savePracticeAction, type WizardFormState } from '../actions';

const noSubscription = () => () => undefined;
/** The browser's zone after hydration (null on the server, so both render the same first). */
function useBrowserZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/**
 * Step 1: the practice's name and time zone. Until the step is saved once, the zone is
 * prefilled from the browser's (the sign-up form offers a short list; the browser knows).
 */
export function PracticeStep({ name, timezone, zones, prefillBrowserZone }: { name: string; timezone: string; zones: string[]; prefillBrowserZone: boolean }) {
  const [state, action, pending] = useActionState<WizardFormState, FormData>(savePracticeAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const [chosen, setChosen] = useState<string | null>(null);
  const browserZone = useBrowserZone();
  const options = zones.includes(timezone) ? zones : [timezone, ...zones];
  const zone = chosen ?? (prefillBrowserZone && browserZone && options.includes(browserZone) ? browserZone : timezone);
  const errors = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
      {state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field id="practiceName" label="Practice name" errors={errors.practiceName} required>
        {(p) => <Input {...p} name="practiceName" defaultValue={name} autoComplete="organization" required />}
      </Field>
      <Field id="timezone" label="Time zone" hint="Gusto's daily sync runs at 06:00 in this time zone, and times are shown in it." errors={errors.timezone}>
        {(p) => (
          <Select {...p} name="timezone" value={zone} onChange={(e) => setChosen(e.target.value)}>
            {options.map((option) => (
              <option key={option} value={option}>
                {option.replaceAll('_', ' ')}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save and continue'}
      </Button>
    </form>
  );
}
