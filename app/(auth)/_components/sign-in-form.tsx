'use client';

import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid';
import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { type AuthFormState, signInAction } from '../actions';

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl?: string; defaultEmail?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <Field id="email" label="Email" errors={state?.fieldErrors?.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" defaultValue={state?.email ?? defaultEmail} required />}
      </Field>
      <Field id="password" label="Password" errors={state?.fieldErrors?.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-slate-700">
        New practice?{' '}
        <Link href="/sign-up" className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
