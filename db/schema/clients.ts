import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appId } from './apps';
import { practices, users } from './practices';

export const clients = pgTable(
  'clients',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    name: text().notNull(),
    legalName: text(),
    tradingName: text(),
    email: text(),
    phone: text(),
    website: text(),
    streetLine1: text(),
    streetLine2: text(),
    streetCity: text(),
    streetRegion: text(),
    streetPostcode: text(),
    streetCountry: text(),
    postalLine1: text(),
    postalLine2: text(),
    postalCity: text(),
    postalRegion: text(),
    postalPostcode: text(),
    postalCountry: text(),
    /** The whole tax number, as typed here or given unmasked by an app; never a masked form. */
    taxNumber: text(),
    /**
     * What an app showed when it masks tax numbers (XPM: "*****6635"), kept so the client page
     * can say "ending 635" instead of nothing (issue 15). Never sent to an app, never compared
     * as a whole number; a whole number typed later replaces it (the command clears it).
     */
    taxNumberMasked: text(),
    businessNumber: text(),
    businessStructure: text(),
    // Archived, never deleted: nothing is ever hard-deleted (DESIGN §3).
    archivedAt: timestamp({ withTimezone: true }),
    // Optimistic concurrency: every update bumps it and checks the one the editor loaded.
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('clients_practice_id_id_key').on(t.practiceId, t.id),
    index('clients_practice_name_idx').on(t.practiceId, sql`lower(${t.name})`),
    index('clients_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('clients_email_trgm_idx').using('gin', sql`lower(${t.email}) gin_trgm_ops`),
    index('clients_tax_number_trgm_idx').using('gin', sql`${t.taxNumber} gin_trgm_ops`),
  ],
);
export type Client = typeof clients.$inferSelect;

export const clientContacts = pgTable(
  'client_contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    clientId: uuid().notNull(),
    name: text().notNull(),
    email: text(),
    phone: text(),
    mobile: text(),
    salutation: text(),
    position: text(),
    isPrimary: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('client_contacts_client_idx').on(t.practiceId, t.clientId),
    // At most one primary contact per client, whatever the application does.
    uniqueIndex('client_contacts_one_primary_key')
      .on(t.clientId)
      .where(sql`${t.isPrimary}`),
  ],
);
export type ClientContact = typeof clientContacts.$inferSelect;

/**
 * A client's synced fields by one spelling everywhere (provenance, run changes): the
 * client form's field names, plus `contacts` for the contact list as a whole.
 */
export const clientField = pgEnum('client_field', [
  'name',
  'legalName',
  'tradingName',
  'email',
  'phone',
  'website',
  'streetLine1',
  'streetLine2',
  'streetCity',
  'streetRegion',
  'streetPostcode',
  'streetCountry',
  'postalLine1',
  'postalLine2',
  'postalCity',
  'postalRegion',
  'postalPostcode',
  'postalCountry',
  'taxNumber',
  'businessNumber',
  'businessStructure',
  'contacts',
]);
export type ClientFieldName = (typeof clientField.enumValues)[number];

/**
 * Who last wrote each synced field of a client, and when: an app (in which sync run, if
 * any) or a member editing it here (issue 15: "edited here by Alex Admin"). Exactly one of
 * `app` and `edited_by_user_id` is set (a CHECK). The run's own rows (sync_run_changes) keep
 * every value it overwrote; this keeps the latest.
 *
 * Its references (client in the same practice; `sync_run_id` → sync_runs) are checked by
 * statement-level triggers, not foreign keys (migration 0009): a run writes about six rows
 * per record, and a foreign key checks each row with a query of its own — two per row, a
 * quarter of a 20,000-record run's time on PGlite (`npm run bench:sync`). The triggers check
 * a whole statement's rows with one join, refuse orphans the same way (SQLSTATE 23503), and
 * keep ON DELETE CASCADE from clients and NO ACTION from sync_runs.
 */
export const clientFieldProvenance = pgTable(
  'client_field_provenance',
  {
    practiceId: uuid().notNull(),
    clientId: uuid().notNull(),
    field: clientField().notNull(),
    app: appId(),
    editedByUserId: uuid().references(() => users.id),
    syncRunId: uuid(),
    syncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.field] }), check('client_field_provenance_one_writer', sql`(${t.app} is null) <> (${t.editedByUserId} is null)`)],
);
