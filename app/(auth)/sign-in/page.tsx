import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { currentMember } from '@/lib/dal/session';
import { safeCallbackPath } from '@/lib/safe-redirect';
import { SignInForm } from '../_components/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentMember()) redirect(safeCallbackPath(callbackUrl));
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl ? safeCallbackPath(callbackUrl) : undefined} />
    </Card>
  );
}
