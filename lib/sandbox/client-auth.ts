/**
 * Client authentication at token endpoints: HTTP Basic (Xero's documented way) or client_id /
 * client_secret in the body (Gusto's). A PKCE public client may omit the secret.
 */
import type { RequestContext } from './context';
import { json, parseBasicAuth } from './http';
import type { ClientCredentials, SandboxResponse } from './types';

export type ClientAuth = { ok: true; clientId: string; hasSecret: boolean } | { ok: false; response: SandboxResponse };

export const invalidClient = (): SandboxResponse => json(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="sandbox"' });

export function authenticateClient(ctx: RequestContext, params: Record<string, string>, expected: ClientCredentials): ClientAuth {
  const basic = parseBasicAuth(ctx.header('authorization'));
  const id = basic?.id ?? params.client_id;
  const secret = basic?.secret ?? params.client_secret;
  if (!id || id !== expected.clientId) return { ok: false, response: invalidClient() };
  if (secret !== undefined && secret !== expected.clientSecret) return { ok: false, response: invalidClient() };
  return { ok: true, clientId: id, hasSecret: secret !== undefined };
}
