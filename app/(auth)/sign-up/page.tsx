import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { currentMember } from '@/lib/dal/session';
import { TIME_ZONES } from '@/lib/time-zones';
import { SignUpForm } from '../_components/sign-up-form';

export const metadata: Metadata = {
  title: 'Create your practice',
  description: 'Create your practice on Practice Sync: you become its first admin, then a short setup connects XPM and Gusto and runs your first client sync.',
};

export default async function SignUpPage() {
  if (await currentMember()) redirect('/dashboard');
  return (
    <Card>
      <h1 className="text-xl font-semibold">Create your practice</h1>
      <p className="mt-1 mb-4 text-sm text-slate-700">You will be its first admin. You can add your team next.</p>
      <SignUpForm zones={TIME_ZONES} />
    </Card>
  );
}
