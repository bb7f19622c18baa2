import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appId } from './apps';
import { clients } from './clients';
import { practices, users } from './practices';

export const connectionStatus = pgEnum('connection_status', ['connected', 'needs_reauth', 'error', 'disconnected']);
export const syncData = pgEnum('sync_data', ['everything', 'client_name', 'nothing']);
export const syncDirection = pgEnum('sync_direction', ['from_app', 'to_app']);

/**
 * A practice's link to one app. One row per (practice, app), kept after disconnecting so
 * the history and settings audit still name it. Disconnecting sets sync data to nothing,
 * which frees the source role and means reconnecting never silently makes it the source.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    app: appId().notNull(),
    status: connectionStatus().notNull().default('connected'),
    connectedByUserId: uuid().references(() => users.id),
    connectedAt: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    /** Plain language for people; never a token, header or stack trace. */
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    syncData: syncData().notNull().default('nothing'),
    syncDirection: syncDirection().notNull().default('from_app'),
    /** Why the current settings are what they are, shown on the card (e.g. safe defaults). */
    settingsNote: text(),
    settingsVersion: integer().notNull().default(1),
    directoryRefreshedAt: timestamp({ withTimezone: true }),
    /** XPM: the modifiedsince watermark of the last complete refresh. */
    directoryCursor: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('connections_practice_app_key').on(t.practiceId, t.app),
    unique('connections_practice_id_id_key').on(t.practiceId, t.id),
    // The one-source rule, enforced by the database too: two admins saving at once cannot
    // both make their app the inbound source (DESIGN §3).
    uniqueIndex('connections_one_inbound_source_key')
      .on(t.practiceId)
      .where(sql`${t.syncDirection} = 'from_app' and ${t.syncData} <> 'nothing'`),
  ],
);
export type Connection = typeof connections.$inferSelect;

/**
 * An OAuth grant under a connection: XPM has one (its tenant); Gusto one per authorised
 * company. Tokens are sealed (lib/crypto) with the grant's identity as associated data.
 */
export const connectionGrants = pgTable(
  'connection_grants',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    connectionId: uuid().notNull(),
    /** XPM tenant id, or Gusto company uuid. */
    externalId: text().notNull(),
    label: text().notNull(),
    accessTokenSealed: text(),
    refreshTokenSealed: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    /** Bumped on every token rotation: the compare-and-swap key for single-flight refresh. */
    tokenVersion: integer().notNull().default(1),
    scope: text(),
    status: connectionStatus().notNull().default('connected'),
    lastError: text(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.connectionId], foreignColumns: [connections.practiceId, connections.id] }).onDelete('cascade'),
    unique('connection_grants_connection_external_key').on(t.connectionId, t.externalId),
  ],
);
export type ConnectionGrant = typeof connectionGrants.$inferSelect;

/** In-flight OAuth authorisations: single-use, short-lived, bound to the member who started them. */
/**
 * Where an OAuth round trip returns: chosen by the server action that started it and kept in
 * the state row, never read from the callback's URL (an open redirect would be one parameter away).
 */
export const oauthReturnTo = pgEnum('oauth_return_to', ['integrations', 'onboarding']);
export type OAuthReturnTo = (typeof oauthReturnTo.enumValues)[number];

export const oauthStates = pgTable('oauth_states', {
  stateHash: text().primaryKey(),
  practiceId: uuid()
    .notNull()
    .references(() => practices.id),
  userId: uuid()
    .notNull()
    .references(() => users.id),
  app: appId().notNull(),
  codeVerifierSealed: text(),
  returnTo: oauthReturnTo().notNull().default('integrations'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

/**
 * The local mirror of every client record an app exposes (XPM clients, authorised Gusto
 * companies). The picker searches this, never the remote API per keystroke.
 */
export const directoryRecords = pgTable(
  'directory_records',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    app: appId().notNull(),
    externalId: text().notNull(),
    grantId: uuid(),
    name: text().notNull(),
    normalizedName: text().notNull(),
    email: text(),
    phone: text(),
    city: text(),
    /** As the app gave it (XPM masks all but the last digits). */
    taxNumber: text(),
    businessNumber: text(),
    /**
     * The last four digits of each number (XPM shows only those), written by the database:
     * suggested matches join on them (lib/dal/suggested-matches/find-suggestions.ts, TAX_TAIL)
     * instead of running a regular expression over every record of the practice per request.
     */
    taxTail: text().generatedAlwaysAs(sql`right(regexp_replace(tax_number, '[^0-9]', '', 'g'), 4)`),
    businessTail: text().generatedAlwaysAs(sql`right(regexp_replace(business_number, '[^0-9]', '', 'g'), 4)`),
    archived: boolean().notNull().default(false),
    isProspect: boolean().notNull().default(false),
    /** The canonical record (lib/sync/canonical-client.ts). */
    payload: jsonb().notNull(),
    payloadHash: text().notNull(),
    remoteModifiedAt: timestamp({ withTimezone: true }),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('directory_records_practice_app_external_key').on(t.practiceId, t.app, t.externalId),
    index('directory_records_practice_name_idx').on(t.practiceId, t.normalizedName),
    index('directory_records_name_trgm_idx').using('gin', sql`${t.normalizedName} gin_trgm_ops`),
    index('directory_records_email_trgm_idx').using('gin', sql`lower(${t.email}) gin_trgm_ops`),
    // Equal emails (suggested matches' probe, the picker's duplicates): the trigram index above
    // answers equality too, but by intersecting the posting lists of every trigram in the
    // address (".co", "com" are in most), 3–25 ms per email at 100,000 records; this, 0.1 ms.
    index('directory_records_practice_email_idx').on(t.practiceId, sql`lower(${t.email})`),
    index('directory_records_practice_tax_tail_idx').on(t.practiceId, t.taxTail),
    index('directory_records_practice_business_tail_idx').on(t.practiceId, t.businessTail),
    // The Dashboard's and Integrations' directory counts (issue 12): countable from the index alone.
    index('directory_records_practice_app_live_idx')
      .on(t.practiceId, t.app)
      .where(sql`not ${t.archived}`),
  ],
);
export type DirectoryRecord = typeof directoryRecords.$inferSelect;

export const linkStatus = pgEnum('link_status', ['active', 'external_archived', 'external_deleted']);

/** Client ↔ external record. A sync never deletes a client: an external deletion marks the link. */
export const clientLinks = pgTable(
  'client_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    clientId: uuid().notNull(),
    app: appId().notNull(),
    externalId: text().notNull(),
    status: linkStatus().notNull().default('active'),
    lastSyncedHash: text(),
    lastSyncedAt: timestamp({ withTimezone: true }),
    /**
     * To an app: md5 of the client's synced content (per Sync data) when it was last pushed or
     * found already in step; a To-XPM run selects links whose content hash differs
     * (lib/sync/engine/push-select.ts). Null: never pushed.
     */
    lastPushedHash: text(),
    linkedByUserId: uuid().references(() => users.id),
    linkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }),
    unique('client_links_practice_app_external_key').on(t.practiceId, t.app, t.externalId),
    unique('client_links_practice_client_app_key').on(t.practiceId, t.clientId, t.app),
    // The Dashboard's link health counts links per app and state (issue 12) from the index alone.
    index('client_links_practice_app_status_idx').on(t.practiceId, t.app, t.status),
  ],
);
export type ClientLink = typeof clientLinks.$inferSelect;

export const settingsField = pgEnum('settings_field', ['sync_data', 'sync_direction']);
/** Why settings changed: a person's choice, a one-step action, or a default applied for them. */
export const settingsCause = pgEnum('settings_cause', ['manual', 'recommended_preset', 'make_source', 'connect_defaults', 'disconnect', 'onboarding']);

/** Every change to sync settings: who, when, before, after, and why (DESIGN §2). */
export const settingsAudit = pgTable(
  'settings_audit',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    app: appId().notNull(),
    userId: uuid().references(() => users.id),
    field: settingsField().notNull(),
    before: text(),
    after: text(),
    cause: settingsCause().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('settings_audit_practice_idx').on(t.practiceId, t.createdAt)],
);
