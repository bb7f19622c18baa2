import { gustoConfig, xpmConfig } from '@/lib/integrations/provider-config';
import { gustoUrl } from '@/lib/providers/gusto/config';

/**
 * The origins "Connect" sends the browser to (XPM's and Gusto's authorize pages, or the
 * sandbox in development and tests), from the same environment-derived config the connect
 * action uses, so the CSP's form-action always names exactly where connecting goes.
 */
export function oauthAuthorizeOrigins(): string[] {
  const urls = [xpmConfig().authorizeUrl, gustoUrl(gustoConfig(), 'oauth/authorize')];
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      origins.add(new URL(url).origin);
    } catch {
      // env() validates these as URLs; an unparsable one simply cannot be a form target.
    }
  }
  return [...origins];
}
