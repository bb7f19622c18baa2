import { z } from 'zod';
import { parseKeyring } from './crypto/keyring';

/**
 * The environment, read and validated once. Everything the embedded default (PGlite,
 * sandbox apps, generated secrets under data/) does not need is optional, so
 * `npm run demo` works with no configuration at all. Validated by next.config.mjs at build
 * and in `next dev`, and by instrumentation at `next start`, so a bad environment fails the
 * build or the start rather than the first request.
 */
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const fields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// URL'),
  /** PostgreSQL connections per app instance (README "More than one instance" says how to size it). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().trim().min(1).default('data'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  APP_URL: optionalUrl,
  /** The bundled XPM + Gusto stand-in; the apps' URLs default to it when not set below. */
  SANDBOX_URL: optionalUrl,
  /** `2:base64key,1:base64key` — the highest version seals new tokens. Generated when unset. */
  TOKEN_ENCRYPTION_KEYS: z.string().trim().min(1).optional(),
  /** How long "Refresh now" waits before answering "still refreshing" (ms; default 15000). Tests shorten it. */
  DIRECTORY_REFRESH_WAIT_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  XPM_CLIENT_ID: z.string().trim().min(1).optional(),
  XPM_CLIENT_SECRET: z.string().trim().min(1).optional(),
  XPM_AUTHORIZE_URL: optionalUrl,
  XPM_TOKEN_URL: optionalUrl,
  XPM_REVOCATION_URL: optionalUrl,
  XPM_API_BASE: optionalUrl,
  GUSTO_CLIENT_ID: z.string().trim().min(1).optional(),
  GUSTO_CLIENT_SECRET: z.string().trim().min(1).optional(),
  GUSTO_BASE_URL: optionalUrl,
  /** New practices one client address may create an hour (lib/auth/throttle.ts; default 10). */
  /** Reverse proxies in front of the app that append to X-Forwarded-For (lib/auth/forwarded-headers.ts). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SIGN_UPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).optional(),
});

export type Env = z.infer<typeof fields>;

/**
 * Each real app is configured completely or not at all: with only some of its variables
 * set, the rest would fall back to the sandbox's URLs, and real credentials would be sent
 * to the sandbox (or sandbox credentials to the real service).
 */
export const APP_VARIABLES = {
  'Xero Practice Manager': ['XPM_CLIENT_ID', 'XPM_CLIENT_SECRET', 'XPM_AUTHORIZE_URL', 'XPM_TOKEN_URL', 'XPM_REVOCATION_URL', 'XPM_API_BASE'],
  Gusto: ['GUSTO_CLIENT_ID', 'GUSTO_CLIENT_SECRET', 'GUSTO_BASE_URL'],
} as const satisfies Record<string, ReadonlyArray<keyof Env>>;

/**
 * Production: built to serve (NODE_ENV=production) on an HTTPS address, or sharing a
 * PostgreSQL database (possibly with other instances). There, secrets generated into one
 * machine's data/ would differ between instances — sessions signed by one would fail on
 * another, and tokens sealed by one could not be opened by the next — so they must be set.
 */
export function isProductionDeployment(e: { NODE_ENV: Env['NODE_ENV']; APP_URL?: string; DATABASE_URL?: string }): boolean {
  return (e.NODE_ENV === 'production' && Boolean(e.APP_URL?.startsWith('https:'))) || e.DATABASE_URL !== undefined;
}

const schema = fields.superRefine((e, ctx) => {
  if (isProductionDeployment(e)) {
    const why = e.DATABASE_URL ? 'with DATABASE_URL set' : 'in production (NODE_ENV=production, HTTPS APP_URL)';
    for (const name of ['AUTH_SECRET', 'TOKEN_ENCRYPTION_KEYS'] as const) {
      if (!e[name]) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required ${why}: every instance must share it, so it cannot be generated per machine` });
      }
    }
  }
  if (e.TOKEN_ENCRYPTION_KEYS) {
    try {
      parseKeyring(e.TOKEN_ENCRYPTION_KEYS);
    } catch (error) {
      // The keyring's messages name entries and versions, never the key text.
      ctx.addIssue({ code: 'custom', path: ['TOKEN_ENCRYPTION_KEYS'], message: error instanceof Error ? error.message : 'not a valid keyring' });
    }
  }
  for (const [app, names] of Object.entries(APP_VARIABLES)) {
    const missing = names.filter((name) => !e[name]);
    if (missing.length > 0 && missing.length < names.length) {
      for (const name of missing) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required when any of ${names.join(', ')} is set (${app} is configured all or none)` });
      }
    }
  }
});

/** Validates an environment; the error names every variable that is wrong and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
