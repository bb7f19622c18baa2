import type { APIRequestContext } from '@playwright/test';
import { GUSTO_SANDBOX_CREDENTIALS } from '@/lib/providers/gusto/config';
import { XPM_SANDBOX_CREDENTIALS } from '@/lib/providers/xpm/config';
import { DEMO } from './fixtures';

export const SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

/** A sealed value at rest (lib/crypto/seal.ts): `v1.<keyVersion>.<iv>.<ciphertext>.<tag>`. */
export const SEALED_VALUE = /v1\.\d+\.[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/;

/**
 * Every secret the run has seen that must never appear in a page, an action's answer or
 * the server's log: each access and refresh token the sandbox issued, the apps' client
 * secrets, and the passwords the specs type.
 */
export async function knownSecrets(request: APIRequestContext): Promise<{ tokens: string[]; others: string[] }> {
  const issued = (await (await request.get(`${SANDBOX_URL}/__sandbox/tokens/issued`)).json()) as { xpm: string[]; gusto: string[] };
  return {
    tokens: [...issued.xpm, ...issued.gusto],
    others: [
      XPM_SANDBOX_CREDENTIALS.clientSecret,
      GUSTO_SANDBOX_CREDENTIALS.clientSecret,
      DEMO.admin.password,
      DEMO.author.password,
      'correct-horse-battery', // signUpPractice's password
    ],
  };
}
