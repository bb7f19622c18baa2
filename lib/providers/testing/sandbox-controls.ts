import { parseTokenResponse, type TokenSet } from '../oauth/token-set';

/**
 * Thin wrappers over the sandbox's /__sandbox test controls (test mode only), used by the
 * adapters' integration tests. They talk HTTP like everything else; nothing reaches into the
 * sandbox's memory.
 */
export async function control<T = unknown>(sandboxUrl: string, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${path.replace(/^\//, '')}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox control ${method} ${path} failed: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A fresh grant without the consent page; returns tokens as the adapters hold them. */
export async function mintTokens(
  sandboxUrl: string,
  app: 'xpm' | 'gusto',
  extra: Record<string, string> = {},
): Promise<{ tokens: TokenSet; grantId: string; tenantId?: string; companyUuid?: string }> {
  const raw = await control<Record<string, unknown>>(sandboxUrl, 'tokens', { app, ...extra });
  const tokens = parseTokenResponse(app, JSON.stringify(raw), Date.now(), 1800);
  return {
    tokens,
    grantId: String(raw.grantId),
    ...(typeof raw.tenantId === 'string' ? { tenantId: raw.tenantId } : {}),
    ...(typeof raw.companyUuid === 'string' ? { companyUuid: raw.companyUuid } : {}),
  };
}

export interface SandboxCounters {
  requests: Record<string, number>;
  tokenRefreshes: { xpm: number; gusto: number };
  tokensIssued: { xpm: number; gusto: number };
  rateLimited: { xpm: number; gusto: number };
  faultsServed: number;
}
