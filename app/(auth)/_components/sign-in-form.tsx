'use client';

import { useFocusOnArrival } from '@/components/ui/focus-handoff';
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid';
import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { type AuthFormState, signInAction } from '../actions';

export function SignInForm({
  callbackUrl,
  defaultEmail,
  arrivalMessageId,
}: {
  callbackUrl?: string;
  defaultEmail?: string;
  /**
   * The message the page arrived with (after sign-up): its first empty field takes focus and is
   * described by it. Sign-up's form has gone with its page, which left focus on the body, and a
   * live region already there as the page arrives is not read (a trial heard nothing).
   */
  arrivalMessageId?: string;
}) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  const arrivalField = arrivalMessageId ? (defaultEmail ? 'password' : 'email') : null;
  const arrivalRef = useRef<HTMLInputElement>(null);
  useFocusOnArrival(arrivalRef);
  // The message first: it is what the person has not heard yet; the field's own error after it.
  const arrival = (field: 'email' | 'password', describedBy: string | undefined) =>
    arrivalField === field ? { ref: arrivalRef, 'aria-describedby': [arrivalMessageId, describedBy].filter(Boolean).join(' ') } : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state?.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <Field id="email" label="Email" errors={state?.fieldErrors?.email}>
        {(p) => <Input {...p} {...arrival('email', p['aria-describedby'])} name="email" type="email" autoComplete="email" defaultValue={state?.email ?? defaultEmail} required />}
      </Field>
      <Field id="password" label="Password" errors={state?.fieldErrors?.password}>
        {(p) => <Input {...p} {...arrival('password', p['aria-describedby'])} name="password" type="password" autoComplete="current-password" required />}
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
