import { pgEnum } from 'drizzle-orm/pg-core';
// Relative, not '@/…': drizzle-kit loads the schema without the app's path aliases. The
// tuple's module is dependency-free, so the schema stays persistence-only.
import { APP_IDS } from '../../lib/apps/ids';

/**
 * The apps a practice can connect. The database's one spelling of an app id; every table
 * that names an app (connections, directory, links, provenance, runs) uses this type. The
 * values come from the app registry's ids (lib/apps/ids.ts): a new app is a registry entry
 * and a migration that adds the enum value (db/migrations).
 */
export const appId = pgEnum('app_id', APP_IDS);
export type AppIdValue = (typeof appId.enumValues)[number];
