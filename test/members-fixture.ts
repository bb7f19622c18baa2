import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/open';
import { practices, users, type MemberRole } from '@/db/schema';
import type { Member } from '@/lib/dal/session';

/** A practice with one member of each role, inserted directly (no password hashing: fast). */
export async function createPracticeMembers(db: Database, name = 'Practice') {
  const practiceId = randomUUID();
  await db.insert(practices).values({ id: practiceId, name });
  const make = async (role: MemberRole, label: string): Promise<Member> => {
    const userId = randomUUID();
    const email = `${label}-${userId.slice(0, 8)}@example.com`;
    await db.insert(users).values({ id: userId, practiceId, role, name: `${name} ${label}`, email, passwordHash: 'x' });
    return { userId, practiceId, role, name: `${name} ${label}`, email, practiceName: name, practiceTimezone: 'Australia/Sydney' };
  };
  return { practiceId, admin: await make('admin', 'admin'), author: await make('author', 'author') };
}
