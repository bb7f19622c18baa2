import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 S256: the verifier stays server-side with the state; the challenge goes to the app. */
export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

export function createPkcePair(): PkcePair {
  // 32 random bytes → 43 base64url characters, the minimum length RFC 7636 allows.
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier), codeChallengeMethod: 'S256' };
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/** An unguessable OAuth `state`; the app stores it (bound to the session) and checks it once. */
export function createOAuthState(): string {
  return randomBytes(32).toString('base64url');
}
