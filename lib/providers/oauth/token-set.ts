import { z } from 'zod';
import { appLabel, ProviderError, registerSecret, upstreamText, type ProviderName } from '../errors';

/**
 * Tokens as the adapters use them. `expiresAt` is absolute (epoch ms, computed from our own
 * clock when the token arrived, so a skewed server clock cannot make a token look fresh).
 */
export interface TokenSet {
  accessToken: string;
  /** Null when the app issued none (then the grant cannot be refreshed). */
  refreshToken: string | null;
  expiresAt: number;
  scope: string | null;
  /** Xero's OpenID id_token, when asked for; the app may read the user's name from it. */
  idToken?: string | null;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().nullish(),
  id_token: z.string().nullish(),
  token_type: z.string().optional(),
});

/** Parse a successful token endpoint answer (RFC 6749 §5.1). */
export function parseTokenResponse(provider: ProviderName, body: string, now: number, defaultLifetimeSeconds: number): TokenSet {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformed(provider);
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw malformed(provider);
  const data = parsed.data;
  registerSecret(data.access_token);
  registerSecret(data.refresh_token);
  registerSecret(data.id_token);
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token ?? null,
    expiresAt: now + (data.expires_in ?? defaultLifetimeSeconds) * 1000,
    scope: data.scope ?? null,
    ...(data.id_token ? { idToken: data.id_token } : {}),
  };
}

function malformed(provider: ProviderName): ProviderError {
  return new ProviderError({
    kind: 'malformed',
    provider,
    message: `${appLabel(provider)} sent a sign-in answer we could not read. Please try connecting again.`,
  });
}

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/**
 * A token endpoint refusal (RFC 6749 §5.2) as a typed error. `invalid_grant` means the code
 * or refresh token is spent, expired or revoked: only a person reconnecting fixes that.
 */
export function tokenEndpointError(provider: ProviderName, status: number, body: string, during: 'exchange' | 'refresh' | 'revoke'): ProviderError {
  const app = appLabel(provider);
  let code: string | undefined;
  let description: string | undefined;
  try {
    const parsed = oauthErrorSchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      code = parsed.data.error;
      description = upstreamText(parsed.data.error_description);
    }
  } catch {
    // Not JSON: fall back to the status alone.
  }
  if (status === 429) {
    return new ProviderError({ kind: 'rate_limited', provider, status, code, message: `${app} is limiting sign-in requests. Please try again in a minute.` });
  }
  if (status >= 500) {
    return new ProviderError({ kind: 'server', provider, status, code, message: `${app}'s sign-in service had a problem. Please try again in a few minutes.` });
  }
  if (code === 'invalid_grant') {
    return new ProviderError({
      kind: 'reauth_required',
      provider,
      status,
      code: code ?? 'invalid_grant',
      message:
        during === 'exchange'
          ? `${app} did not accept the sign-in (it may have expired or been used already). Please connect again.`
          : `${app} no longer accepts this connection (access was revoked or has expired). Please reconnect ${app}.`,
    });
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return new ProviderError({
      kind: 'forbidden',
      provider,
      status,
      code,
      message: `${app} did not recognise this app's client ID or secret. An administrator needs to check the ${app} settings.`,
    });
  }
  return new ProviderError({
    kind: 'validation',
    provider,
    status,
    code,
    message: `${app} refused the sign-in request${description ? `: ${description}` : ''}.`,
  });
}
