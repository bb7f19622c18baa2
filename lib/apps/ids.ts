/**
 * The apps a practice can connect, as one tuple. Dependency-free on purpose: the database
 * enum (db/schema/apps.ts), the zod enums, client components and the pure sync rules all
 * import it, and none of them may pull in anything else. The rest of what Practice Sync
 * knows about an app lives in ./registry.ts.
 */
export const APP_IDS = ['xpm', 'gusto'] as const;

export type AppId = (typeof APP_IDS)[number];

export function isAppId(value: unknown): value is AppId {
  return typeof value === 'string' && (APP_IDS as readonly string[]).includes(value);
}
