import 'server-only';
import { and, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { practices, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { LIMITS, type Limit } from '@/lib/auth/throttle';
import { env } from '@/lib/env';
import { createWizard } from '@/lib/commands/onboarding';
import { recordAccountNotice } from './account-notices';
import { countAttempt, rateLimitKey } from './rate-limits';
import { isUniqueViolation } from './unique-violation';

export interface SignUpInput {
  practiceName: string;
  timezone: string;
  name: string;
  email: string;
  password: string;
}

/** Deliberately the same for a new and an already registered email. */
export type SignUpResult = { status: 'accepted' } | { status: 'throttled'; retryAfterSeconds: number };

function signUpLimit(): Limit {
  return { ...LIMITS.sign_up_address, max: env().SIGN_UPS_PER_ADDRESS_PER_HOUR ?? LIMITS.sign_up_address.max };
}

/**
 * Sign-up that does not reveal whether an email is registered: a new email gets a practice
 * and its first admin; a registered one gets nothing created and a notice its owner sees
 * after their next sign-in. Both hash the password first (the slow part, ~50 ms), so the
 * two answer in about the same time, and both answer "accepted". Rate limited per client
 * address, counted before anything else.
 */
export async function signUp(input: SignUpInput, address: string, now = new Date()): Promise<SignUpResult> {
  const decision = await countAttempt('sign_up_address', rateLimitKey(`address:${address}`), signUpLimit(), now);
  if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  const attempt = () =>
    db.transaction(async (tx) => {
      const [owner] = await tx
        .select({ userId: users.id, practiceId: users.practiceId })
        .from(users)
        .where(and(sql`lower(${users.email}) = ${input.email.toLowerCase()}`, isNull(users.removedAt)))
        .limit(1);
      if (owner) {
        await recordAccountNotice(tx, owner, 'sign_up_with_your_email', now);
        return;
      }
      const [practice] = await tx.insert(practices).values({ name: input.practiceName, timezone: input.timezone }).returning({ id: practices.id });
      if (!practice) throw new Error('practice insert returned nothing');
      await tx.insert(users).values({ practiceId: practice.id, name: input.name, email: input.email, passwordHash, role: 'admin' });
      // Its first admin lands in the onboarding wizard after signing in (app/(app)/onboarding).
      await createWizard(tx, practice.id);
    });
  try {
    await attempt();
  } catch (error) {
    // Two sign-ups with one email at once: the loser finds the winner's account this time.
    if (!isUniqueViolation(error)) throw error;
    await attempt();
  }
  return { status: 'accepted' };
}
