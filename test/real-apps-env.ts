import { GUSTO_PRODUCTION_BASE_URL } from '@/lib/providers/gusto/config';
import { XPM_PRODUCTION_URLS } from '@/lib/providers/xpm/config';

/** The environment of a deployment that talks to the real apps, each configured completely. */
export const REAL_XPM_ENV = {
  XPM_CLIENT_ID: 'id',
  XPM_CLIENT_SECRET: 'secret',
  XPM_AUTHORIZE_URL: XPM_PRODUCTION_URLS.authorizeUrl,
  XPM_TOKEN_URL: XPM_PRODUCTION_URLS.tokenUrl,
  XPM_REVOCATION_URL: XPM_PRODUCTION_URLS.revocationUrl,
  XPM_API_BASE: XPM_PRODUCTION_URLS.apiBase,
};

export const REAL_GUSTO_ENV = { GUSTO_CLIENT_ID: 'id', GUSTO_CLIENT_SECRET: 'secret', GUSTO_BASE_URL: GUSTO_PRODUCTION_BASE_URL };
