import { sql } from 'drizzle-orm';
import { integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const practices = pgTable('practices', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  // IANA zone: daily syncs run at 06:00 practice time (DESIGN §2).
  timezone: text().notNull().default('Australia/Sydney'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type Practice = typeof practices.$inferSelect;

export const memberRole = pgEnum('member_role', ['admin', 'author']);
export type MemberRole = (typeof memberRole.enumValues)[number];

/**
 * A user is a member of exactly one practice. Removed members are kept (removed_at set) so
 * audit entries that name them stay readable; only active members need a unique email.
 */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: memberRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_active_email_key')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.removedAt} is null`),
    unique('users_practice_id_id_key').on(t.practiceId, t.id),
  ],
);
export type User = typeof users.$inferSelect;

/**
 * Failed sign-ins per email in a fixed window, for throttling. Keyed by a hash of the
 * normalised email, so the table holds no addresses and works for unknown emails too
 * (throttling must not reveal whether an account exists).
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  emailKey: text().primaryKey(),
  failureCount: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
