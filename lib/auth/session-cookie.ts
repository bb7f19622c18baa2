import { createHash } from 'node:crypto';
import { decode } from 'next-auth/jwt';
import { processWide } from '@/lib/providers/process-wide';

/**
 * Auth.js's session cookie: `__Secure-` over HTTPS, plain over HTTP (local and tests).
 * The cookie name is also the salt its key is derived with.
 */
export const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

type CookieValue = { name: string; value: string };

/**
 * The session token from the request's cookies. Auth.js splits a token too large for one
 * cookie into `<name>.0`, `<name>.1`, …; ours hold only the user id and are never split,
 * but a split one is joined in order all the same.
 */
export function sessionTokenFrom(cookies: readonly CookieValue[], name: string): string | null {
  const whole = cookies.find((c) => c.name === name)?.value;
  if (whole) return whole;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length > 0 ? chunks.map((c) => c.value).join('') : null;
}

export interface SessionClaims {
  userId: string;
  /** The member's session version when signed in; lib/dal/session compares it with theirs now. */
  sessionVersion: number;
}

/**
 * Who the session cookie says signed in, and with which session version: decrypted and
 * checked (integrity, expiry) with Auth.js's own `decode`, exactly what `auth()` relies on.
 * `auth()` itself runs Auth.js's whole session endpoint per call — a synthetic request, the
 * callbacks, and a freshly encrypted cookie that pages and route handlers cannot even set —
 * which measured 2 ms of each client-picker search (npm run bench). A token that does not
 * decrypt, has expired, or lacks a user id or session version (issued before versions
 * existed) gives null.
 */
export async function sessionFromCookies(cookies: readonly CookieValue[], secret: string): Promise<SessionClaims | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = sessionTokenFrom(cookies, name);
    if (!token) continue;
    const key = decodedKey(secret, name, token);
    const known = decodedTokens.get(key);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const payload = await decode({ token, secret, salt: name });
      const { sub, sv, exp } = payload ?? {};
      if (typeof sub !== 'string' || !Number.isSafeInteger(sv)) return null;
      const claims = { userId: sub, sessionVersion: sv as number };
      if (typeof exp === 'number') remember(key, claims, exp * 1000);
      return claims;
    } catch {
      return null; // tampered, expired, or sealed with another secret
    }
  }
  return null;
}

/**
 * Tokens already decrypted, by a hash of (secret, cookie name, token), until the token
 * expires. Decrypting is the costliest part of a request's session check (about 1 ms of the
 * main thread per request, in webcrypto job setup; npm run bench:during-sync, BENCH_PROFILE),
 * and a browser sends the same token with every request. The same bytes always decrypt to the
 * same claims, so this can never accept what `decode` would refuse — except a token past its
 * `exp`, which is why entries end there. Only good tokens are kept (garbage is not worth
 * remembering, and cannot fill the map); whether the session is still the member's is the
 * member check's job (lib/dal/session), not this one's.
 */
const MAX_DECODED_TOKENS = 10_000;
const decodedTokens = processWide('auth.decodedSessionTokens', () => new Map<string, { claims: SessionClaims; expiresAt: number }>());

function decodedKey(secret: string, name: string, token: string): string {
  return createHash('sha256').update(secret).update('\0').update(name).update('\0').update(token).digest('base64url');
}

function remember(key: string, claims: SessionClaims, expiresAt: number): void {
  if (decodedTokens.size >= MAX_DECODED_TOKENS) decodedTokens.delete(decodedTokens.keys().next().value!); // oldest first
  decodedTokens.set(key, { claims, expiresAt });
}
