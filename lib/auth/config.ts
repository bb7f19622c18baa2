import type { NextAuthConfig } from 'next-auth';

/**
 * The part of the Auth.js config that needs no database, split from the instance in
 * lib/auth/index.ts (the Auth.js v5 pattern). JWT sessions hold only the user's id: the
 * member's practice and role are read fresh from the database on every request, so a
 * removed member or a changed role takes effect at once.
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 60 * 60 * 12 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
