'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth';
import { clientAddress } from '@/lib/auth/client-address';
import { signInFailureOf } from '@/lib/auth/sign-in-failure';
import { signUpLimitMessage, throttleMessage } from '@/lib/auth/throttle';
import { type ActionFailure, type FailureCode, MESSAGES, zodFieldErrors } from '@/lib/dal/action';
import { signUp, type SignUpResult } from '@/lib/dal/sign-up';
import { safeCallbackPath } from '@/lib/safe-redirect';
import { signInSchema, signUpSchema } from '@/lib/validation/member';

export type AuthFormState = (ActionFailure & { email?: string }) | null;

const WRONG_CREDENTIALS = 'That email and password do not match an account.';

/** Signs in through Auth.js; the throttle lives in authorize() so the API route is covered too. */
async function signInWithCredentials(email: string, password: string): Promise<{ code: FailureCode; message: string } | null> {
  try {
    await signIn('credentials', { email, password, redirect: false });
    return null;
  } catch (error) {
    const failure = signInFailureOf(error);
    if (failure) {
      return failure.kind === 'throttled' ? { code: 'rate_limited', message: throttleMessage(failure.retryAfterSeconds) } : { code: 'refused', message: WRONG_CREDENTIALS };
    }
    console.error('[sign-in] unexpected failure', error);
    return { code: 'unexpected', message: MESSAGES.unexpected };
  }
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const email = String(formData.get('email') ?? '').slice(0, 254);
  if (!parsed.success) return { ok: false, code: 'invalid', email, fieldErrors: zodFieldErrors(parsed.error) };
  const problem = await signInWithCredentials(parsed.data.email, parsed.data.password);
  if (problem) return { ok: false, code: problem.code, email, formError: problem.message };
  redirect(safeCallbackPath(formData.get('callbackUrl')));
}

/**
 * Sign-up answers the same for a new and an already registered email — off to sign in with
 * the email filled in — so it cannot be used to find out who has an account (lib/dal/sign-up).
 * Only the person who chose the password can sign in; an existing account's owner finds a
 * notice on their dashboard instead.
 */
export async function signUpAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const raw = Object.fromEntries(['practiceName', 'name', 'email', 'password', 'timezone'].map((k) => [k, formData.get(k) ?? undefined]));
  const parsed = signUpSchema.safeParse(raw);
  const email = String(formData.get('email') ?? '').slice(0, 254);
  if (!parsed.success) return { ok: false, code: 'invalid', email, formError: MESSAGES.invalid, fieldErrors: zodFieldErrors(parsed.error) };
  let result: SignUpResult;
  try {
    result = await signUp(parsed.data, clientAddress(await headers()));
  } catch (error) {
    console.error('[sign-up] unexpected failure', error instanceof Error ? error.stack : error);
    return { ok: false, code: 'unexpected', email, formError: MESSAGES.unexpected };
  }
  if (result.status === 'throttled') return { ok: false, code: 'rate_limited', email, formError: signUpLimitMessage(result.retryAfterSeconds) };
  redirect(`/sign-in?practice=ready&email=${encodeURIComponent(parsed.data.email)}`);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
