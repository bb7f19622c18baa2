import { sendWithRetry, type HttpRequest, type HttpResponse, type HttpTransportOptions } from '../http/request';
import type { TokenManager } from './token-manager';

/**
 * Send an API request with the grant's access token. When the app refuses the token
 * (XPM `401 TokenExpired`, Gusto `invalid_token`), refresh once — shared with every other
 * request that saw the same refusal — and send once more. A second refusal is returned to
 * the caller, which turns it into an error; looping would only hammer a revoked grant.
 */
export async function sendAuthorized(
  tokens: TokenManager,
  build: (authorization: string) => HttpRequest,
  transport: HttpTransportOptions,
  isTokenRefused: (response: HttpResponse) => boolean,
): Promise<HttpResponse> {
  const accessToken = await tokens.getAccessToken();
  const first = await sendWithRetry(build(`Bearer ${accessToken}`), transport);
  if (!isTokenRefused(first)) return first;
  const renewed = await tokens.forceRefresh(accessToken);
  return sendWithRetry(build(`Bearer ${renewed}`), transport);
}
