import { redirect } from 'next/navigation';
import { currentMember } from '@/lib/dal/session';

export default async function Home() {
  redirect((await currentMember()) ? '/dashboard' : '/sign-in');
}
