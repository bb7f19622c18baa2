'use client';

import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import Link from 'next/link';
import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { type AuthFormState, signUpAction } from '../actions';

const COMMON_ZONES = [
  'Australia/Sydney',
  'Australia/Melbourne',
  'Australia/Brisbane',
  'Australia/Adelaide',
  'Australia/Perth',
  'Pacific/Auckland',
  'Europe/London',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'UTC',
];

export function SignUpForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const errors = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field id="practiceName" label="Practice name" errors={errors.practiceName} required>
        {(p) => <Input {...p} name="practiceName" autoComplete="organization" required />}
      </Field>
      <Field id="timezone" label="Time zone" hint="Daily syncs run at 06:00 in this time zone." errors={errors.timezone}>
        {(p) => (
          <Select {...p} name="timezone" defaultValue="Australia/Sydney">
            {COMMON_ZONES.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace('_', ' ')}
              </option>
            ))}
          </Select>
        )}
      </Field>
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
