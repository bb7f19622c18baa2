import { sql } from 'drizzle-orm';
import { foreignKey, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appId } from './apps';
import { clients } from './clients';
import { practices, users } from './practices';
import { syncRuns, syncTrigger } from './sync-runs';

/** What happened to a client's link to an app. `relink`: the same link now names another record. */
export const linkAuditAction = pgEnum('link_audit_action', ['link', 'unlink', 'relink']);

/**
 * Every link, unlink and relink of a client to an app's record (issue 12, requirement 3):
 * who (a member, or a run's actor with its run), when, the external id before and after.
 * Written by the client link commands in the same transaction as the change.
 */
export const clientLinkAudit = pgTable(
  'client_link_audit',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    clientId: uuid().notNull(),
    app: appId().notNull(),
    action: linkAuditAction().notNull(),
    /** The record linked before the change (null for `link`). */
    beforeExternalId: text(),
    /** The record linked after the change (null for `unlink`). */
    afterExternalId: text(),
    /**
     * The records' names when the change was made (the directory's, then): the history says
     * what happened then, though the record is renamed since. Null in rows from before
     * migration 0022, and when the directory did not hold the record.
     */
    beforeName: text(),
    afterName: text(),
    /** The member who did it; null for a run's automatic link. */
    userId: uuid().references(() => users.id),
    trigger: syncTrigger().notNull(),
    syncRunId: uuid().references(() => syncRuns.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
    index('client_link_audit_client_idx').on(t.practiceId, t.clientId, t.createdAt),
    // A run's auto-link looks up the pairs taken apart (lib/sync/engine/select-work.ts pairsTakenApart).
    index('client_link_audit_taken_apart_idx')
      .on(t.practiceId, t.app, t.beforeExternalId)
      .where(sql`${t.action} in ('unlink', 'relink')`),
  ],
);
export type ClientLinkAudit = typeof clientLinkAudit.$inferSelect;
