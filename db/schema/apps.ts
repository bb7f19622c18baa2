import { pgEnum } from 'drizzle-orm/pg-core';

/**
 * The apps a practice can connect. The database's one spelling of an app id; every table
 * that names an app (connections, directory, links, provenance, runs) uses this type.
 */
export const appId = pgEnum('app_id', ['xpm', 'gusto']);
export type AppIdValue = (typeof appId.enumValues)[number];
