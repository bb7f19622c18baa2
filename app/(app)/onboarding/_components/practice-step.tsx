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

/** How a zone reads in the list: "America/New_York" → "America/New York". */
const zoneLabel = (zone: string) => zone.replaceAll('_', ' ');

/**
 * Step 1: the practice's name and time zone. The zone shown is the practice's own (chosen at
 * sign-up); when the browser's differs, the step offers it with a button rather than putting
 * it in the list by itself: a silent switch would move Gusto's daily sync and every time the
 * app shows, and the admin saving "as it was" would not know (sign-up's list is short and
 * defaults to Sydney, so the browser's zone is often the better one, which is why it is offered).
 */
export function PracticeStep({ name, timezone, zones, suggestBrowserZone }: { name: string; timezone: string; zones: string[]; suggestBrowserZone: boolean }) {
  const [state, action, pending] = useActionState<WizardFormState, FormData>(savePracticeAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const [chosen, setChosen] = useState<string | null>(null);
  const browserZone = useBrowserZone();
  const options = zones.includes(timezone) ? zones : [timezone, ...zones];
  const zone = chosen ?? timezone;
  const offeredZone = suggestBrowserZone && browserZone && browserZone !== zone && options.includes(browserZone) ? browserZone : null;
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
                {zoneLabel(option)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {offeredZone ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="browser-zone-offer">
          <span>
            Your browser is set to <strong className="font-medium">{zoneLabel(offeredZone)}</strong>.
          </span>
          <Button variant="secondary" size="sm" onClick={() => setChosen(offeredZone)}>
            Use {zoneLabel(offeredZone)}
          </Button>
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save and continue'}
      </Button>
    </form>
  );
}
