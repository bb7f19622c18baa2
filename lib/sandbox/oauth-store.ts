/**
 * Authorization codes, grants and tokens for one provider. Both providers follow the same
 * rules the app must cope with: codes are single-use and short-lived, access tokens expire,
 * refresh tokens rotate on every use and a used one fails as `invalid_grant`, and revoking a
 * grant kills every token it issued.
 */
import { createHash, randomBytes } from 'node:crypto';

export const CODE_TTL_MS = 10 * 60_000;
/** Consent pages must be answered within this; longer than a code so slow humans are fine. */
export const CONSENT_TTL_MS = 30 * 60_000;

export interface PendingConsent<P> {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scope: string;
  codeChallenge: string | undefined;
  expiresAt: number;
  payload: P;
}

export interface AuthCode<G> {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | undefined;
  scope: string;
  expiresAt: number;
  used: boolean;
  grant: G;
}

export interface Grant<G> {
  id: string;
  clientId: string;
  scope: string;
  createdAt: number;
  revoked: boolean;
  data: G;
}

export interface AccessToken {
  token: string;
  grantId: string;
  expiresAt: number;
}

interface RefreshToken {
  token: string;
  grantId: string;
  used: boolean;
}

export type RedeemResult<G> = { ok: true; grant: Grant<G> } | { ok: false; reason: string };

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class OAuthStore<P, G> {
  private consents = new Map<string, PendingConsent<P>>();
  private codes = new Map<string, AuthCode<G>>();
  readonly grants = new Map<string, Grant<G>>();
  private access = new Map<string, AccessToken>();
  private refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly now: () => number,
    private readonly accessTtlMs: number,
    /** Lets XPM issue JWT-shaped access tokens; Gusto's are opaque. */
    private readonly mintAccess: (grant: Grant<G>, expiresAt: number) => string = () => randomToken(),
  ) {}

  addConsent(c: Omit<PendingConsent<P>, 'id' | 'expiresAt'>): PendingConsent<P> {
    const consent = { ...c, id: randomToken(18), expiresAt: this.now() + CONSENT_TTL_MS };
    this.consents.set(consent.id, consent);
    return consent;
  }

  /** A consent request is answered once: Allow or Deny both consume it. */
  takeConsent(id: string): PendingConsent<P> | null {
    const c = this.consents.get(id);
    if (!c) return null;
    this.consents.delete(id);
    return c.expiresAt > this.now() ? c : null;
  }

  issueCode(c: Omit<AuthCode<G>, 'code' | 'expiresAt' | 'used'>): string {
    const code = randomToken();
    this.codes.set(code, { ...c, code, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined): RedeemResult<G> {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'Unknown authorization code' };
    if (entry.used) return { ok: false, reason: 'Authorization code already used' };
    entry.used = true; // single-use even when the rest of the checks fail
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'Authorization code expired' };
    if (entry.clientId !== clientId) return { ok: false, reason: 'Authorization code was issued to another client' };
    if (entry.redirectUri !== redirectUri) return { ok: false, reason: 'redirect_uri does not match the authorization request' };
    if (entry.codeChallenge !== undefined) {
      if (!verifier) return { ok: false, reason: 'code_verifier is required' };
      if (s256(verifier) !== entry.codeChallenge) return { ok: false, reason: 'code_verifier does not match code_challenge' };
    }
    const grant: Grant<G> = { id: randomToken(12), clientId, scope: entry.scope, createdAt: this.now(), revoked: false, data: entry.grant };
    this.grants.set(grant.id, grant);
    return { ok: true, grant };
  }

  /** Create a grant directly (test control: tokens without a browser). */
  createGrant(clientId: string, scope: string, data: G): Grant<G> {
    const grant: Grant<G> = { id: randomToken(12), clientId, scope, createdAt: this.now(), revoked: false, data };
    this.grants.set(grant.id, grant);
    return grant;
  }

  issueTokens(grant: Grant<G>): { accessToken: string; refreshToken: string; expiresAt: number } {
    const expiresAt = this.now() + this.accessTtlMs;
    const accessToken = this.mintAccess(grant, expiresAt);
    const refreshToken = randomToken();
    this.access.set(accessToken, { token: accessToken, grantId: grant.id, expiresAt });
    this.refresh.set(refreshToken, { token: refreshToken, grantId: grant.id, used: false });
    return { accessToken, refreshToken, expiresAt };
  }

  /** Exchange a refresh token for a new pair; the old refresh token is dead afterwards. */
  rotate(refreshToken: string, clientId: string): RedeemResult<G> {
    const entry = this.refresh.get(refreshToken);
    if (!entry) return { ok: false, reason: 'Unknown refresh token' };
    if (entry.used) return { ok: false, reason: 'Refresh token has already been used' };
    const grant = this.grants.get(entry.grantId);
    if (!grant || grant.revoked) return { ok: false, reason: 'The grant has been revoked' };
    if (grant.clientId !== clientId) return { ok: false, reason: 'Refresh token was issued to another client' };
    entry.used = true;
    return { ok: true, grant };
  }

  /** Look up an access token; `expired` tokens are reported, not hidden, for the 401 detail. */
  checkAccess(token: string): { status: 'ok'; grant: Grant<G>; access: AccessToken } | { status: 'expired'; access: AccessToken } | { status: 'invalid' } {
    const access = this.access.get(token);
    if (!access) return { status: 'invalid' };
    const grant = this.grants.get(access.grantId);
    if (!grant || grant.revoked) return { status: 'invalid' };
    if (access.expiresAt <= this.now()) return { status: 'expired', access };
    return { status: 'ok', grant, access };
  }

  grantOfRefresh(token: string): Grant<G> | null {
    const entry = this.refresh.get(token);
    return entry ? (this.grants.get(entry.grantId) ?? null) : null;
  }

  grantOfAccess(token: string): Grant<G> | null {
    const entry = this.access.get(token);
    return entry ? (this.grants.get(entry.grantId) ?? null) : null;
  }

  revokeGrant(grantId: string): boolean {
    const grant = this.grants.get(grantId);
    if (!grant || grant.revoked) return false;
    grant.revoked = true;
    return true;
  }

  /** Test control: every access token is now stale, so the next call needs a refresh. */
  expireAllAccessTokens(): number {
    const t = this.now();
    let n = 0;
    for (const a of this.access.values()) {
      if (a.expiresAt > t) {
        a.expiresAt = t;
        n += 1;
      }
    }
    return n;
  }

  /** Test control: every token ever issued, so tests can prove none leaks into a page. */
  issuedTokens(): string[] {
    return [...this.access.keys(), ...this.refresh.keys()];
  }

  activeGrants(): Grant<G>[] {
    return [...this.grants.values()].filter((g) => !g.revoked);
  }
}
