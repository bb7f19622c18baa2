import { appLabel as registryAppLabel, type AppId } from '@/lib/apps/registry';
import { processWide } from './process-wide';

/**
 * The one error type every adapter throws. Callers (sync engine, connection cards) switch on
 * `kind`, show `message` to people, and may log the whole error: by construction it never
 * carries a token, an Authorization header or a client secret, because
 *  - messages are written here from fixed phrases plus upstream descriptions passed through
 *    `scrubSecrets`, and
 *  - no raw `cause` (which could be a Request or a fetch error holding headers) is attached.
 */
export type ProviderErrorKind =
  | 'auth_expired' // the access token was refused; one refresh may fix it
  | 'reauth_required' // the grant is gone (invalid_grant, revoked): a person must reconnect
  | 'rate_limited' // 429 that retries did not ride out (or a wait too long to sit through)
  | 'server' // 5xx after retries
  | 'network' // no HTTP answer: refused, reset, DNS, timeout
  | 'validation' // the app rejected what we sent (400/409/422, XPM Status ERROR)
  | 'not_found'
  | 'forbidden' // 403: wrong tenant/company or missing permission
  | 'malformed'; // the app answered with something we cannot read

/** The app an error came from: an app id of the registry (lib/apps). */
export type ProviderName = AppId;

const KINDS: ReadonlySet<string> = new Set<ProviderErrorKind>([
  'auth_expired',
  'reauth_required',
  'rate_limited',
  'server',
  'network',
  'validation',
  'not_found',
  'forbidden',
  'malformed',
]);

/**
 * The brand every ProviderError carries. `Symbol.for` gives the same symbol to every copy of
 * this module, so an error made by the OAuth route's copy is still recognised by a server
 * action's copy, where `instanceof` would say no (Next bundles each of them separately).
 */
const BRAND = Symbol.for('practice-sync.provider-error');

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  message: string;
  provider?: ProviderName;
  status?: number;
  /** Upstream machine code, e.g. `invalid_grant`, `TokenExpired`, `missing_permissions`. */
  code?: string;
  /** When a retry may succeed, how long the app asked us to wait. */
  retryAfterMs?: number;
}

export class ProviderError extends Error {
  readonly [BRAND] = true;
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderName | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ProviderErrorInit) {
    super(scrubSecrets(init.message));
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code === undefined ? undefined : scrubSecrets(init.code);
    this.retryAfterMs = init.retryAfterMs;
  }

  /** What a log line gets: the same safe fields, nothing else. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      provider: this.provider,
      status: this.status,
      code: this.code,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** Recognises a ProviderError from any copy of this module (never `instanceof`: see BRAND). */
export function isProviderError(value: unknown): value is ProviderError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [BRAND]?: unknown; kind?: unknown; message?: unknown };
  return candidate[BRAND] === true && typeof candidate.kind === 'string' && KINDS.has(candidate.kind) && typeof candidate.message === 'string';
}

/**
 * Secrets registered here (access/refresh tokens as they are issued, client secrets as
 * clients are created) are replaced in every upstream text that ends up in an error. This is
 * belt and braces: upstream error descriptions should never echo a token, but a misbehaving
 * proxy or sandbox could, and an error message ends up in logs and on screens.
 */
// Process-wide: a secret registered by one bundle's copy must be redacted by every copy.
const knownSecrets = processWide('providers.knownSecrets', () => new Set<string>());
const MAX_KNOWN_SECRETS = 10_000;

export function registerSecret(secret: string | null | undefined): void {
  // Short values would redact ordinary words; real tokens and secrets are long.
  if (!secret || secret.length < 8) return;
  if (knownSecrets.size >= MAX_KNOWN_SECRETS) {
    // Oldest first: Set iteration order is insertion order.
    const oldest = knownSecrets.values().next();
    if (!oldest.done) knownSecrets.delete(oldest.value);
  }
  knownSecrets.add(secret);
}

// [pattern, replacement] pairs, applied in order.
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\b(access_token|refresh_token|id_token|client_secret|code_verifier|assertion)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1$2[redacted]'],
  // Query-string and form shapes only, so "status code: 500" stays readable.
  [/([?&](?:token|code)=)[^\s&#"']+/gi, '$1[redacted]'],
  // JWT-shaped values (Xero access tokens are JWTs).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted]'],
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Upstream text is untrusted and may be long: scrub it and keep it readable. */
export function upstreamText(text: string | null | undefined, max = 300): string | undefined {
  if (!text) return undefined;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (!oneLine) return undefined;
  const clipped = oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
  return scrubSecrets(clipped);
}

/** The app's full name in errors ("Xero Practice Manager"), from the app registry. */
export function appLabel(provider: ProviderName): string {
  return registryAppLabel(provider);
}
