import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { endSessions, verifyCredentials } from '@/lib/dal/credentials';
import { loadMember } from '@/lib/dal/session';
import { env } from '@/lib/env';
import { authSecret } from '@/lib/secrets';
import { clientAddress } from './client-address';
import { authConfig } from './config';
import { secureCookiesFor } from './secure-cookies';
import { signInFailureOf, THROTTLED_CODE_PREFIX } from './sign-in-failure';

/** Thrown from authorize() so the sign-in action can say how long to wait. */
export class SignInThrottledError extends CredentialsSignin {
  constructor(readonly retryAfterSeconds: number) {
    super();
    this.code = `${THROTTLED_CODE_PREFIX}${retryAfterSeconds}`;
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
  useSecureCookies: secureCookiesFor(env().APP_URL),
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (signInFailureOf(error)) return;
      console.error('[auth]', error);
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    // Auth.js's own session endpoint (GET /api/auth/session) reads the cookie through here:
    // a session that was signed out, or whose member was removed or re-roled, is ended
    // (null clears the cookie) instead of still naming its member. Pages and actions check
    // the same in lib/dal/session.
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user) return token;
      // The same check pages make (lib/dal/session): active, and issued at the current version.
      const current = typeof token.sub === 'string' && typeof token.sv === 'number' && (await loadMember(token.sub, token.sv)) !== null;
      return current ? token : null;
    },
  },
  events: {
    // Every way out (the sign-out action, POST /api/auth/signout) ends the session for good:
    // a copy of the cookie taken before is refused from then on (lib/dal/session).
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (typeof token?.sub === 'string' && typeof token.sv === 'number') await endSessions(token.sub, token.sv);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // `request` is the sign-in request itself, or (from the sign-in server action's
      // signIn) one rebuilt from its headers: X-Forwarded-For reaches us either way.
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(parsed.data.email, parsed.data.password, clientAddress(request.headers));
        if (result.status === 'throttled') throw new SignInThrottledError(result.retryAfterSeconds);
        if (result.status !== 'ok') return null;
        return { id: result.userId, name: result.name, email: result.email, sessionVersion: result.sessionVersion };
      },
    }),
  ],
}));
