'use client';

import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid';
import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { TimeZoneField } from '@/components/time-zone/time-zone-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { DEFAULT_TIME_ZONE } from '@/lib/time-zone-names';
import { type AuthFormState, signUpAction } from '../actions';

/** `zones`: every zone a practice may choose, from the server (lib/time-zones.ts). */
export function SignUpForm({ zones }: { zones: readonly string[] }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  const errors = state?.fieldErrors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field id="practiceName" label="Practice name" errors={errors.practiceName} required>
        {(p) => <Input {...p} name="practiceName" autoComplete="organization" required />}
      </Field>
      <TimeZoneField
        zones={zones}
        initial={DEFAULT_TIME_ZONE}
        hint="Times are shown in this time zone; once Gusto is connected, its daily sync runs at 06:00 in it."
        offerBrowserZone
        errors={errors.timezone}
      />
      <Field id="name" label="Your name" errors={errors.name} required>
        {(p) => <Input {...p} name="name" autoComplete="name" required />}
      </Field>
      <Field id="email" label="Email" errors={errors.email} required>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" defaultValue={state?.email} required />}
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." errors={errors.password} required hideHintWhenInvalid>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your practice…' : 'Create practice'}
      </Button>
      <p className="text-center text-sm text-slate-700">
        Already a member?{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
