import type { NextAuthConfig } from 'next-auth';

declare module 'next-auth' {
  interface User {
    /** users.session_version at sign-in (lib/dal/credentials). */
    sessionVersion?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** The member's session version when this session was issued; see lib/dal/session. */
    sv?: number;
  }
}

/**
 * The part of the Auth.js config that needs no database, split from the instance in
 * lib/auth/index.ts (the Auth.js v5 pattern). JWT sessions hold only the user's id and
 * session version: the member's practice and role are read fresh from the database on
 * every request, and a session whose version is no longer the member's is refused, so
 * sign-out, removal and role changes take effect at once.
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 60 * 60 * 12 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
