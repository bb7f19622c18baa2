import { foreignKey, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appId } from './apps';
import { clients } from './clients';
import { practices, users } from './practices';

/**
 * Suggested matches (client here ↔ an app's directory record) an admin said are NOT the
 * same business. Remembered so the pair is never suggested again; the client and the
 * record stay free to be linked to anything else. Keyed by the external id rather than
 * the directory row, because a directory refresh may replace the row.
 */
export const dismissedMatchSuggestions = pgTable(
  'dismissed_match_suggestions',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    clientId: uuid().notNull(),
    app: appId().notNull(),
    externalId: text().notNull(),
    dismissedByUserId: uuid().references(() => users.id),
    dismissedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.clientId, t.app, t.externalId] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }).onDelete('cascade'),
  ],
);
export type DismissedMatchSuggestion = typeof dismissedMatchSuggestions.$inferSelect;
