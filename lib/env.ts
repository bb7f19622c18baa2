import { z } from 'zod';

/**
 * The environment, read and validated once. Everything the embedded default (PGlite,
 * sandbox apps, generated secrets under data/) does not need is optional, so
 * `npm run demo` works with no configuration at all. Imported by next.config.ts so a bad
 * environment fails the build rather than the first request.
 */
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// URL'),
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
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
