import { sql } from 'drizzle-orm';
import { foreignKey, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    /**
     * Sealed into the session at sign-in and compared on every request (lib/dal/session):
     * bumped on sign-out, removal and role change, so a copied cookie stops working at once.
     */
    sessionVersion: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_active_email_key')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.removedAt} is null`),
    unique('users_practice_id_id_key').on(t.practiceId, t.id),
  ],
);
export type User = typeof users.$inferSelect;

/** What a rate limit counts; each has its own limit in lib/auth/throttle.ts. */
export const rateLimitScope = pgEnum('rate_limit_scope', ['sign_in_email', 'sign_in_address', 'sign_up_address', 'add_member_practice']);
export type RateLimitScope = (typeof rateLimitScope.enumValues)[number];

/**
 * Attempts per key in a fixed window. Counted with one atomic upsert per attempt
 * (lib/dal/rate-limits.ts), so concurrent attempts each see a distinct count. Emails and
 * addresses are keyed by a hash: the table holds no addresses, and unknown emails are
 * counted exactly like known ones (throttling must not reveal whether an account exists).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    scope: rateLimitScope().notNull(),
    key: text().notNull(),
    count: integer().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const accountNoticeKind = pgEnum('account_notice_kind', ['sign_up_with_your_email']);
export type AccountNoticeKind = (typeof accountNoticeKind.enumValues)[number];

/**
 * Something the account's owner should hear about at their next sign-in, when the app has
 * no other way to tell them (it sends no email) — e.g. a sign-up with their email, which
 * the sign-up page itself must not reveal. One open notice per kind: a repeat moves its time.
 */
export const accountNotices = pgTable(
  'account_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    userId: uuid().notNull(),
    kind: accountNoticeKind().notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dismissedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.userId], foreignColumns: [users.practiceId, users.id] }),
    uniqueIndex('account_notices_open_key')
      .on(t.userId, t.kind)
      .where(sql`${t.dismissedAt} is null`),
  ],
);
export type AccountNotice = typeof accountNotices.$inferSelect;
