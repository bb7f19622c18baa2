'use server';

import { CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth';
import { throttleMessage } from '@/lib/auth/throttle';
import { ActionError, type ActionFailure, MESSAGES, zodFieldErrors } from '@/lib/dal/action';
import { createPracticeWithAdmin } from '@/lib/dal/members';
import { safeCallbackPath } from '@/lib/safe-redirect';
import { signInSchema, signUpSchema } from '@/lib/validation/member';

export type AuthFormState = (ActionFailure & { email?: string }) | null;

const WRONG_CREDENTIALS = 'That email and password do not match an account.';

/** Signs in through Auth.js; the throttle lives in authorize() so the API route is covered too. */
async function signInWithCredentials(email: string, password: string): Promise<string | null> {
  try {
    await signIn('credentials', { email, password, redirect: false });
    return null;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const throttled = /^throttled:(\d+)$/.exec(error.code ?? '');
      return throttled ? throttleMessage(Number(throttled[1])) : WRONG_CREDENTIALS;
    }
    console.error('[sign-in] unexpected failure', error);
    return MESSAGES.unexpected;
  }
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const email = String(formData.get('email') ?? '').slice(0, 254);
  if (!parsed.success) return { ok: false, email, fieldErrors: zodFieldErrors(parsed.error) };
  const problem = await signInWithCredentials(parsed.data.email, parsed.data.password);
  if (problem) return { ok: false, email, formError: problem };
  redirect(safeCallbackPath(formData.get('callbackUrl')));
}

export async function signUpAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const raw = Object.fromEntries(['practiceName', 'name', 'email', 'password', 'timezone'].map((k) => [k, formData.get(k) ?? undefined]));
  const parsed = signUpSchema.safeParse(raw);
  const email = String(formData.get('email') ?? '').slice(0, 254);
  if (!parsed.success) return { ok: false, email, formError: MESSAGES.invalid, fieldErrors: zodFieldErrors(parsed.error) };
  try {
    await createPracticeWithAdmin(parsed.data);
  } catch (error) {
    if (error instanceof ActionError) return { ok: false, email, formError: error.formError, fieldErrors: error.fieldErrors };
    console.error('[sign-up] unexpected failure', error);
    return { ok: false, email, formError: MESSAGES.unexpected };
  }
  const problem = await signInWithCredentials(parsed.data.email, parsed.data.password);
  if (problem) return { ok: false, email, formError: problem };
  redirect('/dashboard?welcome=1');
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
