/**
 * What a failed `signIn('credentials')` means, read from Auth.js's error by its `type` and
 * `code` fields — never `instanceof`: Next can load next-auth in more than one server
 * bundle, and an error made by one copy is not an instance of the other's class.
 */
export type SignInFailure = { kind: 'wrong_credentials' } | { kind: 'throttled'; retryAfterSeconds: number };

export const THROTTLED_CODE_PREFIX = 'throttled:';

export function signInFailureOf(error: unknown): SignInFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (type !== 'CredentialsSignin') return null;
  const throttled = typeof code === 'string' && code.startsWith(THROTTLED_CODE_PREFIX) ? Number(code.slice(THROTTLED_CODE_PREFIX.length)) : NaN;
  return Number.isInteger(throttled) && throttled > 0 ? { kind: 'throttled', retryAfterSeconds: throttled } : { kind: 'wrong_credentials' };
}
