import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { verifyCredentials } from '@/lib/dal/credentials';
import { authSecret } from '@/lib/secrets';
import { authConfig } from './config';

/** Thrown from authorize() so the sign-in action can say how long to wait. */
export class SignInThrottledError extends CredentialsSignin {
  constructor(readonly retryAfterSeconds: number) {
    super();
    this.code = `throttled:${retryAfterSeconds}`;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

// Lazy config: the secret may be generated into data/ on first use, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === 'CredentialsSignin' || error instanceof CredentialsSignin) return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(parsed.data.email, parsed.data.password);
        if (result.status === 'throttled') throw new SignInThrottledError(result.retryAfterSeconds);
        if (result.status !== 'ok') return null;
        return { id: result.userId, name: result.name, email: result.email };
      },
    }),
  ],
}));
