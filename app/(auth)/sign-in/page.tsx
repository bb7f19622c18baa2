import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { currentMember } from '@/lib/dal/session';
import { safeCallbackPath } from '@/lib/safe-redirect';
import { SignInForm } from '../_components/sign-in-form';

export const metadata: Metadata = { title: 'Sign in', description: 'Sign in to Practice Sync: proposals and client sync with Xero Practice Manager and Gusto.' };

/** The message after sign-up, which describes the field that takes focus as the page arrives. */
const AFTER_SIGN_UP_ID = 'sign-in-after-sign-up';

type SearchParams = { callbackUrl?: string; practice?: string; email?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { callbackUrl, practice, email } = await searchParams;
  if (await currentMember()) redirect(safeCallbackPath(callbackUrl));
  // After sign-up (app/(auth)/actions.ts): worded so it is true whether or not the email
  // already had an account — the page must not tell which, so it says both. ("Your practice is
  // ready" was untrue for a taken email: a trial's password then "did not match", a dead end.)
  // A new practice's admin goes on to the onboarding wizard, which sends anyone not in it to the dashboard.
  const afterSignUp = practice === 'ready';
  const next = callbackUrl ? safeCallbackPath(callbackUrl) : afterSignUp ? '/onboarding?welcome=1' : undefined;
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {afterSignUp ? (
        <Alert id={AFTER_SIGN_UP_ID} tone="success" className="mb-4">
          Sign in with the email and password you just chose to open your new practice. If that email already had an account, no new practice was made: sign in with that account’s
          own password.
        </Alert>
      ) : null}
      <SignInForm callbackUrl={next} defaultEmail={typeof email === 'string' ? email.slice(0, 254) : undefined} arrivalMessageId={afterSignUp ? AFTER_SIGN_UP_ID : undefined} />
    </Card>
  );
}
